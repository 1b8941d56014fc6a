-- Relays and the per-peer generation of relay credentials. Portable SQL (H2 and PostgreSQL).

CREATE TABLE relay (
    id         VARCHAR(36)  PRIMARY KEY,
    account_id VARCHAR(36)  NOT NULL REFERENCES account (id),
    name       VARCHAR(200) NOT NULL,
    address    VARCHAR(300) NOT NULL,
    token_hash VARCHAR(64)  NOT NULL,
    created_by VARCHAR(300) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_relay_name UNIQUE (account_id, name),
    CONSTRAINT uq_relay_token_hash UNIQUE (token_hash)
);

CREATE INDEX ix_relay_account ON relay (account_id);

-- A peer's relay credentials are derived from a coordinator secret, the relay, the peer and this
-- generation; rotating bumps it. No row means generation 1.
CREATE TABLE peer_relay_credential (
    peer_id    VARCHAR(36) PRIMARY KEY REFERENCES peer (id) ON DELETE CASCADE,
    account_id VARCHAR(36) NOT NULL REFERENCES account (id),
    generation BIGINT      NOT NULL
);

CREATE INDEX ix_peer_relay_credential_account ON peer_relay_credential (account_id);
