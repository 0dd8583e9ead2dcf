-- An append in one round trip: the client sends each new line without its seq and prev (every other
-- field, exactly as the file log writes them); this function locks the chain_head row, numbers and
-- hashes each line after the head (SHA-256 of the line's UTF-8 text, as AuditLog.sealed does), inserts
-- the rows, moves the head and returns each line's number and hash. Called outside an explicit
-- transaction, the statement is its own transaction: it commits before the client sees the result,
-- and the head row lock still makes writers on every machine take turns.
CREATE FUNCTION append_decisions(ids text[], times text[], versions text[], bodies text[])
RETURNS TABLE (appended_seq bigint, appended_hash text)
LANGUAGE plpgsql AS $$
DECLARE
    s    bigint;
    p    text;
    body text;
    h    text;
BEGIN
    SELECT c.seq, c.hash INTO s, p FROM chain_head c FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the chain_head row is missing (the schema was altered outside the advisor)';
    END IF;
    FOR i IN 1 .. coalesce(array_length(bodies, 1), 0) LOOP
        s := s + 1;
        body := '{"seq":' || s || ',' || bodies[i] || ',"prev":"' || p || '"}';
        h := 'sha256:' || encode(sha256(convert_to(body, 'UTF8')), 'hex');
        INSERT INTO decisions (seq, decision, decided_at, ruleset_version, prev, hash, line)
        VALUES (s, ids[i], times[i]::timestamptz, versions[i], p, h, left(body, -1) || ',"hash":"' || h || '"}');
        p := h;
        appended_seq := s;
        appended_hash := h;
        RETURN NEXT;
    END LOOP;
    UPDATE chain_head SET seq = s, hash = p;
END
$$;
