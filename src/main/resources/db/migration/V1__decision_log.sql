-- The decision log (see docs/audit.md). Each decision is one row holding its line exactly as the file
-- log writes it: the hash chain covers that text, so export, import and verify need no re-hashing.

-- Rule sets, content-addressed: version = sha256 over the files (as rulesetVersion in every decision).
CREATE TABLE rulesets (
    version       text PRIMARY KEY CHECK (version ~ '^sha256:[0-9a-f]{64}$'),
    stored_at     timestamptz NOT NULL DEFAULT now(),
    source        text,  -- the folder the rules were read from
    source_commit text   -- the commit they were published from, once rules are published from version control
);

CREATE TABLE ruleset_files (
    version text  NOT NULL REFERENCES rulesets (version),
    path    text  NOT NULL,
    content bytea NOT NULL,
    PRIMARY KEY (version, path)
);

-- One row per line of the chain. seq, decision, decided_at, ruleset_version, prev and hash repeat what
-- the line says (for keys and indexes; 'audit verify' checks they agree); entry is the line as jsonb.
CREATE TABLE decisions (
    seq             bigint      PRIMARY KEY CHECK (seq > 0),
    decision        text        NOT NULL,
    decided_at      timestamptz NOT NULL,
    ruleset_version text        REFERENCES rulesets (version),
    prev            text        NOT NULL,
    hash            text        NOT NULL UNIQUE,
    line            text        NOT NULL,
    entry           jsonb       GENERATED ALWAYS AS (line::jsonb) STORED
);

-- The questions a clinic asks: a client's decisions, a date range, a warning code, a rule that fired.
CREATE INDEX decisions_by_client ON decisions ((entry -> 'input' ->> 'id'), seq);
CREATE INDEX decisions_by_date ON decisions (decided_at);
CREATE INDEX decisions_by_warning ON decisions USING gin ((entry -> 'output' -> 'warnings') jsonb_path_ops);
CREATE INDEX decisions_by_rule ON decisions USING gin ((entry -> 'firings') jsonb_path_ops);

-- The last decision's number and hash. Every append locks this one row (SELECT ... FOR UPDATE) and
-- moves it in the same transaction, so writers on any machine take turns and the chain never forks.
CREATE TABLE chain_head (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    seq      bigint  NOT NULL,
    hash     text    NOT NULL
);
INSERT INTO chain_head (only_row, seq, hash)
VALUES (true, 0, 'sha256:0000000000000000000000000000000000000000000000000000000000000000');

-- A decision row as a clinic reads it.
CREATE VIEW decision_rows AS
SELECT seq,
       decision,
       decided_at,
       entry -> 'input' ->> 'id'                    AS client_id,
       coalesce(entry ->> 'kind', 'decision')       AS kind,
       entry -> 'input'                             AS profile,
       entry -> 'output'                            AS recommendation,
       entry -> 'firings'                           AS firings,
       ruleset_version,
       r.source                                     AS ruleset_source,
       r.source_commit                              AS ruleset_commit,
       entry -> 'feedback'                          AS feedback,
       prev,
       hash
FROM decisions
LEFT JOIN rulesets r ON r.version = decisions.ruleset_version;

-- Publishing a new rule set (for the rules workbench): who proposed it, who approved it, and why.
CREATE TABLE publishes (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    published_at  timestamptz NOT NULL DEFAULT now(),
    proposed_by   text        NOT NULL,
    approved_by   text,
    message       text        NOT NULL,
    old_version   text        REFERENCES rulesets (version),
    new_version   text        NOT NULL REFERENCES rulesets (version),
    source_commit text
);
