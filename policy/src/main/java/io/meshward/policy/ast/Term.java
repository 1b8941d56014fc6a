package io.meshward.policy.ast;

import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.List;

/** A Rego term: a scalar, variable, reference, composite literal, comprehension or call. */
public sealed interface Term {

  Location loc();

  /**
   * The name a variable or a reference of string path elements spells ({@code a.b.c}), or null for
   * any other term.
   */
  static String dottedName(Term t) {
    if (t instanceof Var v) {
      return v.name();
    }
    if (t instanceof Ref r && r.head() instanceof Var v) {
      StringBuilder sb = new StringBuilder(v.name());
      for (Term p : r.path()) {
        if (!(p instanceof Scalar s && s.value() instanceof StringValue str)) {
          return null;
        }
        sb.append('.').append(str.value());
      }
      return sb.toString();
    }
    return null;
  }

  /** A constant: null, boolean, number or string. */
  record Scalar(Value value, Location loc) implements Term {}

  /** A variable by name, as written; {@code data} and {@code input} are roots. */
  record Var(String name, Location loc) implements Term {
    public boolean isWildcard() {
      return name.startsWith("$");
    }
  }

  /** A variable the compiler resolved to a slot of the enclosing rule's environment. */
  record Local(int slot, String name, Location loc) implements Term {}

  /** A reference: a head term followed by path elements ({@code a.b[x]}). */
  record Ref(Term head, List<Term> path, Location loc) implements Term {
    public Ref {
      path = List.copyOf(path);
    }
  }

  record ArrayTerm(List<Term> items, Location loc) implements Term {
    public ArrayTerm {
      items = List.copyOf(items);
    }
  }

  record SetTerm(List<Term> items, Location loc) implements Term {
    public SetTerm {
      items = List.copyOf(items);
    }
  }

  record ObjectTerm(List<Entry> entries, Location loc) implements Term {
    public ObjectTerm {
      entries = List.copyOf(entries);
    }
  }

  /** One key/value pair of an object literal. */
  record Entry(Term key, Term value) {}

  record ArrayCompr(Term head, List<Expr> body, Location loc) implements Term {
    public ArrayCompr {
      body = List.copyOf(body);
    }
  }

  record SetCompr(Term head, List<Expr> body, Location loc) implements Term {
    public SetCompr {
      body = List.copyOf(body);
    }
  }

  record ObjectCompr(Term key, Term value, List<Expr> body, Location loc) implements Term {
    public ObjectCompr {
      body = List.copyOf(body);
    }
  }

  /**
   * A call of a builtin or function. {@code name} is the dotted name as written; after compiling,
   * user functions are named by their full path ({@code data.pkg.f}).
   */
  record Call(String name, List<Term> args, Location loc) implements Term {
    public Call {
      args = List.copyOf(args);
    }
  }
}
