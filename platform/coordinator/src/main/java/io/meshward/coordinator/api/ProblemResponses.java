package io.meshward.coordinator.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every REST failure into an RFC 9457 problem document that says what was wrong, naming the
 * field where there is one.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(ProblemResponses.class);

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
  }

  @ExceptionHandler(InvalidRequestException.class)
  ProblemDetail invalid(InvalidRequestException e) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
    return problem;
  }

  @ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
  ProblemDetail integrity(org.springframework.dao.DataIntegrityViolationException e) {
    // Two requests raced for the same unique name or address; the loser changed nothing.
    return problem(
        HttpStatus.CONFLICT,
        "Conflict",
        "the change clashes with a concurrent one (a name already taken?); retry");
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("Unexpected error answering a REST request", e);
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Internal error",
        "the coordinator failed to handle this request; its log has the details");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "Invalid request",
        "parameter '" + e.getName() + "' has an invalid value '" + e.getValue() + "'");
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    var errors = new java.util.ArrayList<Map<String, String>>();
    var details = new java.util.ArrayList<String>();
    for (FieldError error : ex.getBindingResult().getFieldErrors()) {
      var entry = new LinkedHashMap<String, String>();
      entry.put("field", error.getField());
      entry.put("message", String.valueOf(error.getDefaultMessage()));
      errors.add(entry);
      details.add(error.getField() + ": " + error.getDefaultMessage());
    }
    ex.getBindingResult()
        .getGlobalErrors()
        .forEach(e -> details.add(e.getObjectName() + ": " + e.getDefaultMessage()));
    ProblemDetail problem =
        problem(HttpStatus.BAD_REQUEST, "Invalid request", String.join("; ", details));
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    var details = new java.util.ArrayList<String>();
    ex.getParameterValidationResults()
        .forEach(
            result ->
                result
                    .getResolvableErrors()
                    .forEach(
                        error ->
                            details.add(
                                result.getMethodParameter().getParameterName()
                                    + ": "
                                    + error.getDefaultMessage())));
    return ResponseEntity.badRequest()
        .body(problem(HttpStatus.BAD_REQUEST, "Invalid request", String.join("; ", details)));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    Throwable cause = ex.getCause();
    if (cause instanceof tools.jackson.core.exc.StreamReadException parse) {
      return ResponseEntity.badRequest()
          .body(
              problem(
                  HttpStatus.BAD_REQUEST,
                  "Malformed request body",
                  "The request body is not valid JSON: " + firstLine(parse.getOriginalMessage())));
    }
    if (cause instanceof tools.jackson.core.JacksonException mapping
        && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(
                  r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
              .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
              .orElse("");
      ProblemDetail problem =
          problem(
              HttpStatus.BAD_REQUEST,
              "Invalid request",
              field
                  + ": has the wrong type or shape ("
                  + firstLine(mapping.getOriginalMessage())
                  + ")");
      problem.setProperty(
          "errors", List.of(Map.of("field", field, "message", "has the wrong type or shape")));
      return ResponseEntity.badRequest().body(problem);
    }
    String message = ex.getMostSpecificCause().getMessage();
    return ResponseEntity.badRequest()
        .body(
            problem(
                HttpStatus.BAD_REQUEST,
                "Malformed request body",
                "The request body is missing or not valid JSON for this endpoint: "
                    + firstLine(message)));
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
