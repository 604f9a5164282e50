-- A realistic migration: every construct that must not split a statement.
/* Block comments /* nest */ in PostgreSQL; this one holds a ; too */

CREATE TYPE mood AS ENUM ('sad', 'ok;fine', 'happy');

CREATE TABLE "coffee;logs" (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "the ""strength""" integer NOT NULL DEFAULT 3, -- a comment; with a semicolon
    note text DEFAULT 'it''s; strong',
    path text DEFAULT E'C:\\temp\\; x\'s',
    feeling mood,
    updated_at timestamptz
);

COMMENT ON TABLE "coffee;logs" IS 'Logs; one per cup';

CREATE FUNCTION touch_updated_at() RETURNS trigger AS $$
BEGIN
    NEW.updated_at := now();   -- semicolons inside the body stay inside
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER coffee_logs_touch
    BEFORE UPDATE ON "coffee;logs"
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE OR REPLACE FUNCTION describe_strength(s integer) RETURNS text AS $fn$
DECLARE
    label text := 'weak; really';
BEGIN
    IF s > 5 THEN
        label := $q$strong; "very"$q$;
    END IF;
    RETURN label || $$;$$;
END
$fn$ LANGUAGE plpgsql IMMUTABLE;

CREATE FUNCTION cups(a integer, b integer) RETURNS integer LANGUAGE sql AS 'SELECT $1 + $2';

CREATE FUNCTION atomic_cups(a integer) RETURNS integer LANGUAGE sql
BEGIN ATOMIC
    SELECT CASE WHEN a > 0 THEN a ELSE 0 END;
END;

DO $$
DECLARE
    n integer;
BEGIN
    INSERT INTO "coffee;logs" ("the ""strength""", feeling) VALUES (7, 'ok;fine');
    SELECT count(*) INTO n FROM "coffee;logs";
    RAISE NOTICE 'rows; %', n;
END
$$;

CREATE RULE log_rule AS ON DELETE TO "coffee;logs" DO ALSO (
    NOTIFY coffee; NOTIFY tea
);

INSERT INTO "coffee;logs" ("the ""strength""", note) VALUES (length(describe_strength(9)), /* ; */ E'\'');
UPDATE "coffee;logs" SET note = note || ';' WHERE id = 1
