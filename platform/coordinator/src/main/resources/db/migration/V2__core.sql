-- Core objects of the coordinator. Portable SQL: runs unchanged on H2 and PostgreSQL.
-- Every object belongs to exactly one account; queries always filter by account_id.

CREATE TABLE account (
    id                    VARCHAR(36)  PRIMARY KEY,
    name                  VARCHAR(200) NOT NULL,
    mesh_range            VARCHAR(64)  NOT NULL,
    active_policy_version INTEGER,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE api_token (
    id         VARCHAR(36)  PRIMARY KEY,
    account_id VARCHAR(36)  NOT NULL REFERENCES account (id),
    name       VARCHAR(200) NOT NULL,
    token_hash VARCHAR(64)  NOT NULL,
    created_by VARCHAR(300) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_api_token_hash UNIQUE (token_hash)
);

CREATE TABLE mesh_group (
    id         VARCHAR(36)  PRIMARY KEY,
    account_id VARCHAR(36)  NOT NULL REFERENCES account (id),
    name       VARCHAR(200) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_mesh_group_name UNIQUE (account_id, name)
);

CREATE TABLE setup_key (
    id          VARCHAR(36)  PRIMARY KEY,
    account_id  VARCHAR(36)  NOT NULL REFERENCES account (id),
    name        VARCHAR(200) NOT NULL,
    key_hash    VARCHAR(64)  NOT NULL,
    reusable    BOOLEAN      NOT NULL,
    usage_limit INTEGER      NOT NULL,
    used_count  INTEGER      NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked     BOOLEAN      NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_setup_key_hash UNIQUE (key_hash)
);

CREATE TABLE setup_key_group (
    setup_key_id VARCHAR(36) NOT NULL REFERENCES setup_key (id) ON DELETE CASCADE,
    group_id     VARCHAR(36) NOT NULL REFERENCES mesh_group (id) ON DELETE CASCADE,
    PRIMARY KEY (setup_key_id, group_id)
);

CREATE TABLE peer (
    id                   VARCHAR(36)  PRIMARY KEY,
    account_id           VARCHAR(36)  NOT NULL REFERENCES account (id),
    name                 VARCHAR(63)  NOT NULL,
    hostname             VARCHAR(255) NOT NULL,
    mesh_address         VARCHAR(64)  NOT NULL,
    wireguard_public_key VARCHAR(44)  NOT NULL,
    os                   VARCHAR(200),
    agent_version        VARCHAR(100),
    endpoints            VARCHAR(4000) NOT NULL,
    cert_serial          VARCHAR(64)  NOT NULL,
    cert_expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at         TIMESTAMP WITH TIME ZONE,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_peer_name UNIQUE (account_id, name),
    CONSTRAINT uq_peer_mesh_address UNIQUE (account_id, mesh_address),
    CONSTRAINT uq_peer_wireguard_key UNIQUE (wireguard_public_key)
);

CREATE TABLE peer_group (
    peer_id  VARCHAR(36) NOT NULL REFERENCES peer (id) ON DELETE CASCADE,
    group_id VARCHAR(36) NOT NULL REFERENCES mesh_group (id) ON DELETE CASCADE,
    PRIMARY KEY (peer_id, group_id)
);

CREATE TABLE posture_report (
    peer_id      VARCHAR(36) PRIMARY KEY REFERENCES peer (id) ON DELETE CASCADE,
    account_id   VARCHAR(36) NOT NULL REFERENCES account (id),
    facts        VARCHAR(1000000) NOT NULL,
    collected_at TIMESTAMP WITH TIME ZONE,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE policy_bundle (
    id            VARCHAR(36) PRIMARY KEY,
    account_id    VARCHAR(36) NOT NULL REFERENCES account (id),
    version       INTEGER     NOT NULL,
    modules       VARCHAR(4000000) NOT NULL,
    data_document VARCHAR(4000000),
    tests         VARCHAR(4000000) NOT NULL,
    created_by    VARCHAR(300) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_policy_bundle_version UNIQUE (account_id, version)
);

CREATE TABLE audit_event (
    id          VARCHAR(36)  PRIMARY KEY,
    account_id  VARCHAR(36)  NOT NULL REFERENCES account (id),
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    actor       VARCHAR(300) NOT NULL,
    kind        VARCHAR(100) NOT NULL,
    object_id   VARCHAR(100),
    peer_id     VARCHAR(36),
    before_json VARCHAR(1000000),
    after_json  VARCHAR(1000000)
);

CREATE INDEX ix_audit_account_time ON audit_event (account_id, occurred_at);
CREATE INDEX ix_peer_account ON peer (account_id);
CREATE INDEX ix_peer_cert_expiry ON peer (cert_expires_at);
