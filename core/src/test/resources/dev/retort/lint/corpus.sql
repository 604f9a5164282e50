-- The lint corpus: revisions as users write them, risky ones and the safe rewrites of
-- shared/reference/migration-safety.md, each with the findings it must raise (LintCorpusTests).
-- A case starts with '-- case: NAME tx|non-tx expect: RULE, ... | none' and runs to the next; the
-- cases apply in order, after the base, as one revision each.

-- case: base tx expect: none
CREATE TYPE order_status AS ENUM ('new', 'paid');
CREATE TABLE users (id bigint PRIMARY KEY, email text, name varchar(100), status text, legacy_flag boolean, score int);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, status order_status, total numeric(10,2), note varchar(200));
CREATE TABLE accounts (id bigint PRIMARY KEY, balance numeric(12,2));
CREATE TABLE logs (id bigint NOT NULL, msg text);
CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE MATERIALIZED VIEW order_counts AS SELECT user_id, count(*) AS n FROM orders GROUP BY 1;
CREATE UNIQUE INDEX order_counts_user ON order_counts (user_id);
CREATE TABLE plans (id bigint PRIMARY KEY, name text);

-- case: idx_plain tx expect: PG101
CREATE INDEX idx_orders_user ON orders (user_id);

-- case: idx_conc_nontx non-tx expect: none
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_user ON orders (user_id);

-- case: idx_conc_tx tx expect: PG104
CREATE INDEX CONCURRENTLY idx_orders_status ON orders (status);

-- case: idx_conc_with_timeout non-tx expect: none
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_total ON orders (total);

-- case: uniq_expr_idx tx expect: PG101
CREATE UNIQUE INDEX users_email_lower ON users (lower(email));

-- case: uniq_idx_conc non-tx expect: none
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key_idx ON users (email);

-- case: uniq_using_index tx expect: none
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key_idx;

-- case: uniq_constraint tx expect: PG108
ALTER TABLE users ADD CONSTRAINT users_name_key UNIQUE (name);

-- case: uniq_on_add_column tx expect: PG108
ALTER TABLE users ADD COLUMN code text UNIQUE;

-- case: fk_plain tx expect: PG106
ALTER TABLE orders ADD CONSTRAINT orders_user_fk0 FOREIGN KEY (user_id) REFERENCES users (id);

-- case: fk_not_valid tx expect: none
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;

-- case: fk_validate_later tx expect: none
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;

-- case: fk_validate_same_tx tx expect: PG107
ALTER TABLE accounts ADD CONSTRAINT accounts_pos CHECK (balance >= 0) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_pos;

-- case: check_plain tx expect: PG106
ALTER TABLE accounts ADD CONSTRAINT positive_balance CHECK (balance >= 0);

-- case: check_not_valid tx expect: none
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;

-- case: validate_nontx non-tx expect: none
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;

-- case: col_ref_inline tx expect: none
ALTER TABLE users ADD COLUMN manager_id bigint REFERENCES users (id);

-- case: col_ref_inline_default tx expect: PG106
ALTER TABLE users ADD COLUMN manager2_id bigint DEFAULT 1 REFERENCES users (id);

-- case: col_const_default tx expect: none
ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;

-- case: col_text_default tx expect: none
ALTER TABLE users ADD COLUMN plan text DEFAULT 'free';

-- case: col_now_default tx expect: none
ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();

-- case: col_current_timestamp tx expect: none
ALTER TABLE users ADD COLUMN updated_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- case: col_current_date tx expect: none
ALTER TABLE users ADD COLUMN joined_on date DEFAULT CURRENT_DATE;

-- case: col_cast_defaults tx expect: none
ALTER TABLE users ADD COLUMN prefs jsonb NOT NULL DEFAULT '{}'::jsonb, ADD COLUMN tags text[] NOT NULL DEFAULT '{}', ADD COLUMN big bigint DEFAULT 0::bigint;

-- case: col_array_default tx expect: none
ALTER TABLE users ADD COLUMN roles text[] NOT NULL DEFAULT ARRAY[]::text[];

-- case: col_utc_default tx expect: none
ALTER TABLE users ADD COLUMN seen_at timestamp DEFAULT (now() AT TIME ZONE 'utc');

-- case: col_current_user_default tx expect: none
ALTER TABLE users ADD COLUMN created_by text NOT NULL DEFAULT current_user;

-- case: col_enum_default tx expect: none
ALTER TABLE users ADD COLUMN last_order_status order_status DEFAULT 'new';

-- case: col_uuid_default tx expect: PG110
ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();

-- case: col_clock_default tx expect: PG110
ALTER TABLE users ADD COLUMN touched_at timestamptz DEFAULT clock_timestamp();

-- case: col_bigserial tx expect: PG110
ALTER TABLE users ADD COLUMN seq bigserial;

-- case: col_identity tx expect: PG110
ALTER TABLE logs ADD COLUMN lid bigint GENERATED BY DEFAULT AS IDENTITY;

-- case: col_stored_generated tx expect: PG110
ALTER TABLE users ADD COLUMN id2 bigint GENERATED ALWAYS AS (id * 2) STORED;

-- case: col_required tx expect: PG111
ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;

-- case: col_nullable tx expect: none
ALTER TABLE users ADD COLUMN org_id bigint;

-- case: set_not_null tx expect: PG109
ALTER TABLE users ALTER COLUMN email SET NOT NULL;

-- case: nn_check_not_valid tx expect: none
ALTER TABLE users ADD CONSTRAINT users_name_nn CHECK (name IS NOT NULL) NOT VALID;

-- case: nn_validate_then_set tx expect: none
ALTER TABLE users VALIDATE CONSTRAINT users_name_nn;
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_name_nn;

-- case: pk_plain tx expect: PG108
ALTER TABLE logs ADD PRIMARY KEY (id);

-- case: pk_idx_conc non-tx expect: none
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS logs_id_idx ON logs (id);

-- case: pk_using_index tx expect: none
ALTER TABLE logs ADD CONSTRAINT logs_pkey PRIMARY KEY USING INDEX logs_id_idx;

-- case: lock_timeout_zero tx expect: PG115
SET lock_timeout = 0;
ALTER TABLE users ADD COLUMN nick text;

-- case: lock_timeout_1min tx expect: PG115
SET lock_timeout = '1min';
ALTER TABLE users ADD COLUMN nick2 text;

-- case: lock_timeout_short tx expect: none
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN nick3 text;

-- case: lock_timeout_ms_int tx expect: none
SET lock_timeout TO 3000;
ALTER TABLE users ADD COLUMN nick4 text;

-- case: lock_timeout_local tx expect: none
SET LOCAL lock_timeout = '5s';
ALTER TABLE users ADD COLUMN nick5 text;

-- case: lock_timeout_10s tx expect: none
SET lock_timeout = '10s';
ALTER TABLE users ADD COLUMN nick6 text;

-- case: stmt_timeout tx expect: none
SET statement_timeout = '10min';
ALTER TABLE users ADD COLUMN nick7 text;

-- case: type_scale tx expect: PG112
ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,4);

-- case: type_int_bigint tx expect: PG112
ALTER TABLE users ALTER COLUMN score TYPE bigint;

-- case: type_varchar_longer tx expect: none
ALTER TABLE orders ALTER COLUMN note TYPE varchar(500);

-- case: type_varchar_text tx expect: none
ALTER TABLE orders ALTER COLUMN note TYPE text;

-- case: type_numeric_precision tx expect: none
ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,4);

-- case: type_varchar_shorter tx expect: PG112
ALTER TABLE users ALTER COLUMN name TYPE varchar(50);

-- case: rename_column tx expect: PG113
ALTER TABLE users RENAME COLUMN status TO state;

-- case: rename_table tx expect: PG113
ALTER TABLE plans RENAME TO plan_catalog;

-- case: view_new_name tx expect: none
CREATE VIEW customers AS SELECT * FROM users;

-- case: rename_with_compat_view tx expect: none
ALTER TABLE accounts RENAME TO ledgers;
CREATE VIEW accounts AS SELECT * FROM ledgers;

-- case: enum_use_same_tx tx expect: PG118
ALTER TYPE order_status ADD VALUE 'shipped';
UPDATE orders SET status = 'shipped' WHERE id = 1;

-- case: enum_add_own tx expect: none
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'paid';

-- case: enum_use_later tx expect: none
UPDATE orders SET status = 'refunded' WHERE id = 42;

-- case: enum_fn_call_same_tx tx expect: PG118
ALTER TYPE order_status ADD VALUE 'cancelled';
CREATE FUNCTION cancel_order(oid bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE orders SET status = 'cancelled' WHERE id = oid;
END
$$;
SELECT cancel_order(1);

-- case: enum_fn_earlier non-tx expect: none
-- PostgreSQL reads a PL/pgSQL body at the first call: 'archived' is not read here
CREATE OR REPLACE FUNCTION archive_order(oid bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE orders SET status = 'archived' WHERE id = oid;
END
$$;

-- case: enum_fn_earlier_call tx expect: PG118
-- the function of the revision before, called in the transaction that adds its value
ALTER TYPE order_status ADD VALUE 'archived';
SELECT archive_order(1);

-- case: enum_fn_earlier_call_later tx expect: none
SELECT archive_order(2);

-- case: backfill_in_ddl tx expect: PG117
ALTER TABLE users ADD COLUMN rank int;
UPDATE users SET rank = 0;

-- case: backfill_batch tx expect: none
UPDATE users SET score = 0 WHERE id >= 1 AND id < 10001 AND score IS NULL;

-- case: backfill_loop_nontx non-tx expect: none
DO $$
DECLARE n int;
BEGIN
  LOOP
    UPDATE users SET score = 0 WHERE id IN (SELECT id FROM users WHERE score IS NULL LIMIT 1000);
    GET DIAGNOSTICS n = ROW_COUNT;
    COMMIT;
    EXIT WHEN n = 0;
  END LOOP;
END
$$;

-- case: drop_index_plain tx expect: PG102
DROP INDEX idx_orders_total;

-- case: drop_index_conc non-tx expect: none
DROP INDEX CONCURRENTLY IF EXISTS idx_orders_user;

-- case: drop_column tx expect: PG114
ALTER TABLE users DROP COLUMN legacy_flag;

-- case: drop_column_acked tx expect: none
-- lint:ack PG114 no release since 2.3 reads users.code
ALTER TABLE users DROP COLUMN code;

-- case: detach_plain tx expect: PG119
ALTER TABLE events DETACH PARTITION events_2024;

-- case: attach_back tx expect: PG126
ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- case: detach_conc non-tx expect: none
ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;

-- case: attach_after_detach_conc tx expect: none
-- DETACH ... CONCURRENTLY left events_2024 a valid CHECK of its bound: nothing to read.
ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- case: json_column tx expect: PG120
ALTER TABLE users ADD COLUMN props json;

-- case: jsonb_column tx expect: none
ALTER TABLE users ADD COLUMN props2 jsonb;

-- case: refresh_plain tx expect: PG122
REFRESH MATERIALIZED VIEW order_counts;

-- case: refresh_conc tx expect: none
REFRESH MATERIALIZED VIEW CONCURRENTLY order_counts;

-- case: two_tables tx expect: PG116
ALTER TABLE users ADD COLUMN a1 int;
ALTER TABLE orders ADD COLUMN b1 int;

-- case: one_alter_many_actions tx expect: none
ALTER TABLE users ADD COLUMN a2 int, ADD COLUMN a3 int;

-- case: new_table_fk_index tx expect: none
CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id));
CREATE INDEX invoices_order_idx ON invoices (order_id);

-- case: vacuum_full non-tx expect: PG103
VACUUM FULL users;

-- case: vacuum_analyze non-tx expect: none
VACUUM (ANALYZE) users;

-- case: analyze_tx tx expect: none
ANALYZE users;

-- case: set_unlogged tx expect: PG123
ALTER TABLE logs SET UNLOGGED;

-- case: comment_grant tx expect: none
COMMENT ON COLUMN users.email IS 'primary contact';
GRANT SELECT ON users TO PUBLIC;

-- case: trigger_on_existing tx expect: none
CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.score := coalesce(NEW.score, 0); RETURN NEW; END $$;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();

-- case: drop_not_null tx expect: none
ALTER TABLE users ALTER COLUMN created_at DROP NOT NULL;

-- case: set_default tx expect: none
ALTER TABLE users ALTER COLUMN status SET DEFAULT 'active';

-- case: seed_rows tx expect: none
INSERT INTO plans (id, name) VALUES (1, 'free'), (2, 'pro') ON CONFLICT (id) DO NOTHING;

-- case: truncate_cascade tx expect: PG114
TRUNCATE plans CASCADE;

-- case: reindex_conc non-tx expect: none
REINDEX INDEX CONCURRENTLY idx_orders_user;

-- case: lock_table_share tx expect: PG117
LOCK TABLE orders IN SHARE MODE;
UPDATE orders SET note = 'x' WHERE id = 1;

-- case: idx_if_not_exists_plain tx expect: PG101
CREATE INDEX IF NOT EXISTS idx_users_name ON users (name);

-- case: idx_gin_plain tx expect: PG101
CREATE INDEX idx_users_prefs ON users USING gin (prefs);

-- case: idx_conc_lower_multiline non-tx expect: none
-- the lookup by email
create unique index concurrently if not exists
    users_email_ci on users (lower(email));

-- case: two_cic_nontx non-tx expect: none
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_org ON users (org_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_plan ON users (plan);

-- case: fk_add_validate_nontx non-tx expect: PG105
ALTER TABLE orders ADD CONSTRAINT orders_user_fk2 FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk2;

-- case: col_check_inline tx expect: PG106
ALTER TABLE users ADD COLUMN quota int DEFAULT 0 NOT NULL CHECK (quota >= 0);

-- case: col_null_default tx expect: none
ALTER TABLE users ADD COLUMN deleted_at timestamptz DEFAULT NULL;

-- case: col_random_default tx expect: PG110
ALTER TABLE users ADD COLUMN jitter double precision DEFAULT random();

-- case: col_expr_defaults tx expect: none
ALTER TABLE users ADD COLUMN five int DEFAULT 2 + 3, ADD COLUMN up text DEFAULT upper('a'), ADD COLUMN st timestamptz DEFAULT statement_timestamp(), ADD COLUMN tt timestamptz DEFAULT transaction_timestamp(), ADD COLUMN d date DEFAULT '2020-01-01', ADD COLUMN iv interval DEFAULT interval '1 day';

-- case: pg18_not_null_not_valid tx expect: none
ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email NOT VALID;

-- case: enum_default_same_tx tx expect: PG118
ALTER TYPE order_status ADD VALUE 'held';
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'held';

-- case: enum_insert_same_tx tx expect: PG118
ALTER TYPE order_status ADD VALUE 'lost';
INSERT INTO orders (id, status) VALUES (9, 'lost');

-- case: enum_nontx_use non-tx expect: none
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'returned';
UPDATE orders SET status = 'returned' WHERE id = 7;

-- case: rename_constraint_index tx expect: none
ALTER TABLE users RENAME CONSTRAINT users_name_nn TO users_name_not_null;
ALTER INDEX idx_users_name RENAME TO users_name_idx;

-- case: storage_stats_settings tx expect: none
ALTER TABLE users ALTER COLUMN name SET STATISTICS 500;
ALTER TABLE users SET (fillfactor = 90);
ALTER TABLE users REPLICA IDENTITY FULL;

-- case: rls_policy tx expect: none
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY orders_owner ON orders USING (user_id = current_setting('app.user_id')::bigint);

-- case: setval tx expect: none
SELECT setval('logs_lid_seq', (SELECT max(lid) FROM logs));

-- case: delete_old_rows tx expect: none
DELETE FROM plans WHERE id > 100;

-- case: delete_all tx expect: PG117
DELETE FROM plans;

-- case: uniq_conc_then_constraint_nontx non-tx expect: PG105
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS plans_name_idx ON plans (name);
ALTER TABLE plans ADD CONSTRAINT plans_name_key UNIQUE USING INDEX plans_name_idx;

-- case: add_col_then_check tx expect: PG106
ALTER TABLE users ADD COLUMN level int;
ALTER TABLE users ADD CONSTRAINT users_level_pos CHECK (level > 0);

-- case: drop_unique_constraint tx expect: none
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_name_key;

-- case: create_table_if_not_exists tx expect: none
CREATE TABLE IF NOT EXISTS audit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), payload jsonb);
CREATE INDEX IF NOT EXISTS audit_at ON audit (at);

-- case: add_column_if_not_exists_nontx non-tx expect: none
ALTER TABLE users ADD COLUMN IF NOT EXISTS locale text DEFAULT 'en';

-- case: update_from_in_ddl tx expect: PG117
ALTER TABLE orders ADD COLUMN email text;
UPDATE orders o SET email = u.email FROM users u WHERE u.id = o.user_id;

-- case: drop_view tx expect: none
DROP VIEW IF EXISTS customers;

-- case: qualified_quoted_names tx expect: none
ALTER TABLE public.users ADD COLUMN qx int DEFAULT 0;
ALTER TABLE "users" ADD COLUMN "Qy" int;

-- case: cic_quoted_qualified non-tx expect: none
CREATE INDEX CONCURRENTLY IF NOT EXISTS "IdxQ" ON public.users (qx);

-- case: ctas_then_index tx expect: none
CREATE TABLE users_copy AS SELECT * FROM users;
CREATE INDEX users_copy_email ON users_copy (email);

-- case: like_then_index tx expect: none
CREATE TABLE users_archive (LIKE users INCLUDING ALL);
CREATE INDEX users_archive_email ON users_archive (email);

-- case: new_partition tx expect: none
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

-- case: text_to_varchar tx expect: PG112
ALTER TABLE users ALTER COLUMN email TYPE varchar(255);

-- case: numeric_unconstrained tx expect: none
ALTER TABLE orders ALTER COLUMN total TYPE numeric;

-- case: timestamptz_to_timestamp tx expect: PG112
ALTER TABLE users ALTER COLUMN deleted_at TYPE timestamp;

-- case: fn_body_with_ddl tx expect: none
CREATE OR REPLACE FUNCTION make_idx() RETURNS void LANGUAGE plpgsql AS $$ BEGIN CREATE INDEX ix_in_fn ON users (email); DROP TABLE users; END $$;

-- case: pg18_validate_nn tx expect: none
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;

-- case: batch_with_timeout tx expect: none
SET LOCAL lock_timeout = '1s';
UPDATE users SET email = lower(email) WHERE id BETWEEN 1 AND 1000;

-- case: create_extension tx expect: none
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- case: uuid_v4_default tx expect: PG110
ALTER TABLE users ADD COLUMN ext_id uuid DEFAULT uuid_generate_v4();

-- case: drop_trigger_fn tx expect: none
DROP TRIGGER IF EXISTS users_touch ON users;
DROP FUNCTION IF EXISTS touch();

-- case: drop_table_if_exists_known tx expect: PG114
DROP TABLE IF EXISTS users_copy;

-- case: tz_convert_utc tx expect: none
SET LOCAL TimeZone = 'UTC';
ALTER TABLE users ALTER COLUMN deleted_at TYPE timestamptz;

-- case: tz_convert_plain tx expect: PG112
ALTER TABLE users ALTER COLUMN deleted_at TYPE timestamp;

-- case: col_default_then_set_default tx expect: none
ALTER TABLE users ADD COLUMN uid uuid;
ALTER TABLE users ALTER COLUMN uid SET DEFAULT gen_random_uuid();

-- case: staging_tables tx expect: none
CREATE TABLE events_2022 (id bigint, at date);
CREATE TABLE events_2021 (id bigint, at date);
CREATE TABLE events_2020 (id bigint, at date);
CREATE TABLE events_2019 (id bigint, at date, CONSTRAINT events_2019_range CHECK (at >= '2019-01-01' AND at < '2020-01-01'));
CREATE TABLE events_2018 (id bigint, at date NOT NULL CHECK (at >= '2018-01-01' AND at < '2019-01-01'));

-- case: attach_loaded tx expect: PG126
ALTER TABLE events ATTACH PARTITION events_2022 FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');

-- case: attach_check_not_valid tx expect: none
ALTER TABLE events_2021 ADD CONSTRAINT events_2021_partition_bound CHECK (at IS NOT NULL AND at >= '2021-01-01' AND at < '2022-01-01') NOT VALID;

-- case: attach_after_validate tx expect: none
ALTER TABLE events_2021 VALIDATE CONSTRAINT events_2021_partition_bound;
ALTER TABLE events ATTACH PARTITION events_2021 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
ALTER TABLE events_2021 DROP CONSTRAINT events_2021_partition_bound;

-- case: attach_validate_same_revision tx expect: PG107
-- the scan skipped at the ATTACH, but the VALIDATE runs under the ADD's lock
ALTER TABLE events_2020 ADD CONSTRAINT events_2020_partition_bound CHECK (at IS NOT NULL AND at >= '2020-01-01' AND at < '2021-01-01') NOT VALID;
ALTER TABLE events_2020 VALIDATE CONSTRAINT events_2020_partition_bound;
ALTER TABLE events ATTACH PARTITION events_2020 FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');

-- case: attach_check_without_not_null tx expect: PG126
-- at may be NULL, which the bound excludes: PostgreSQL reads every row
ALTER TABLE events ATTACH PARTITION events_2019 FOR VALUES FROM ('2019-01-01') TO ('2020-01-01');

-- case: attach_not_null_column_check tx expect: none
ALTER TABLE events ATTACH PARTITION events_2018 FOR VALUES FROM ('2018-01-01') TO ('2019-01-01');

-- case: attach_new_table tx expect: none
CREATE TABLE events_2026 (LIKE events INCLUDING DEFAULTS);
ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

-- case: backfill_before_ddl tx expect: PG117
-- the row locks of the UPDATE are held while the ALTER TABLE after it waits and holds its lock
UPDATE users SET name = 'x' WHERE id = 1;
ALTER TABLE users ADD COLUMN nick text;

-- case: lock_table_access_share_update tx expect: none
-- ACCESS SHARE blocks no writes: the UPDATE runs under no lock that keeps others out
LOCK TABLE orders IN ACCESS SHARE MODE;
UPDATE orders SET note = 'y' WHERE id = 2;

-- case: default_partition_base tx expect: none
CREATE TABLE metrics (id bigint, day date) PARTITION BY RANGE (day);
CREATE TABLE metrics_default PARTITION OF metrics DEFAULT;
CREATE TABLE metrics_2022 (id bigint, day date);
CREATE TABLE metrics_2023 (id bigint, day date NOT NULL CHECK (day >= '2023-01-01' AND day < '2024-01-01'));

-- case: default_partition_attach tx expect: PG126
-- the check of metrics_2023 implies its bound, but the default partition is read to check that none of its rows belongs there
ALTER TABLE metrics ATTACH PARTITION metrics_2023 FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');

-- case: default_partition_attach_loaded tx expect: PG126, PG126
-- both read: the table attached and the default partition
ALTER TABLE metrics ATTACH PARTITION metrics_2022 FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');

-- case: default_partition_create tx expect: PG126
-- a new partition is empty, but the default partition is read, under ACCESS EXCLUSIVE on it and on metrics
CREATE TABLE metrics_2024 PARTITION OF metrics FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- case: default_partition_check_not_valid tx expect: none
ALTER TABLE metrics_default ADD CONSTRAINT metrics_default_excludes_metrics_2025 CHECK (NOT (day IS NOT NULL AND day >= '2025-01-01' AND day < '2026-01-01')) NOT VALID;

-- case: default_partition_create_after_validate tx expect: none
ALTER TABLE metrics_default VALIDATE CONSTRAINT metrics_default_excludes_metrics_2025;
CREATE TABLE metrics_2025 PARTITION OF metrics FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE metrics_default DROP CONSTRAINT metrics_default_excludes_metrics_2025;

-- case: default_partition_new tx expect: none
-- a default partition this revision makes holds no row yet
CREATE TABLE readings (id bigint, region text) PARTITION BY LIST (region);
CREATE TABLE readings_other PARTITION OF readings DEFAULT;
CREATE TABLE readings_eu PARTITION OF readings FOR VALUES IN ('eu');

-- case: default_partition_detached tx expect: PG119
-- no default partition any more: nothing to read for the new one
ALTER TABLE metrics DETACH PARTITION metrics_default;
CREATE TABLE metrics_2026 PARTITION OF metrics FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

-- case: bound_check_tables tx expect: none
CREATE TABLE events_2017 (id bigint, at date, CONSTRAINT events_2017_ids CHECK (id IS NOT NULL AND id > 0));
CREATE TABLE events_2016 (id bigint, at date, CONSTRAINT events_2016_range CHECK (at IS NOT NULL AND at >= '2015-01-01' AND at < '2017-01-01'));
CREATE TABLE events_2015 (id bigint, at date, CONSTRAINT events_2015_range CHECK (at IS NOT NULL AND at BETWEEN '2015-03-01' AND '2015-09-30'));
CREATE TABLE shipments (id bigint, region text) PARTITION BY LIST (region);
CREATE TABLE shipments_eu (id bigint, region text NOT NULL CHECK (region IN ('eu', 'uk')));
CREATE TABLE shipments_us (id bigint, region text NOT NULL CHECK (region = 'us'));

-- case: attach_check_other_column tx expect: PG126
-- a valid check, but of id: the bound is not implied and PostgreSQL reads every row
ALTER TABLE events ATTACH PARTITION events_2017 FOR VALUES FROM ('2017-01-01') TO ('2018-01-01');

-- case: attach_check_wider tx expect: PG126
-- the check lets 2015 through, which the bound does not
ALTER TABLE events ATTACH PARTITION events_2016 FOR VALUES FROM ('2016-01-01') TO ('2017-01-01');

-- case: attach_check_narrower tx expect: none
-- every row the check lets in is in the bound: PostgreSQL finds it implied
ALTER TABLE events ATTACH PARTITION events_2015 FOR VALUES FROM ('2015-01-01') TO ('2016-01-01');

-- case: attach_list_check_wider tx expect: PG126
ALTER TABLE shipments ATTACH PARTITION shipments_eu FOR VALUES IN ('eu');

-- case: attach_list_check_within tx expect: none
ALTER TABLE shipments ATTACH PARTITION shipments_us FOR VALUES IN ('us', 'ca');

-- case: default_check_list_not_valid tx expect: none
ALTER TABLE readings_other ADD CONSTRAINT readings_other_excludes_readings_us CHECK (region NOT IN ('us')) NOT VALID;

-- case: default_check_list_validated tx expect: none
ALTER TABLE readings_other VALIDATE CONSTRAINT readings_other_excludes_readings_us;
CREATE TABLE readings_us PARTITION OF readings FOR VALUES IN ('us');

-- case: default_check_list_other_value tx expect: PG126
-- the default's check keeps 'us' out, not 'ap': PostgreSQL reads every row of readings_other
CREATE TABLE readings_ap PARTITION OF readings FOR VALUES IN ('ap');

-- case: detach_beside_default tx expect: PG119
-- readings has a default partition: the advice is this plain DETACH in a revision of its own, not CONCURRENTLY
ALTER TABLE readings DETACH PARTITION readings_ap;

-- case: detach_concurrently_beside_default non-tx expect: PG119
-- PostgreSQL refuses it while readings has a default partition (SQLSTATE 55000): every run fails here
ALTER TABLE readings DETACH PARTITION readings_us CONCURRENTLY;

-- case: partition_create_locks_parent_and_default tx expect: PG116, PG126
-- the CREATE holds readings and readings_other ACCESS EXCLUSIVE until the commit, users beside them
CREATE TABLE readings_jp PARTITION OF readings FOR VALUES IN ('jp');
ALTER TABLE users ADD COLUMN nickname text;

-- case: partition_attach_locks_default tx expect: PG116, PG126
-- readings_kr is new, but the ATTACH holds the default partition readings_other ACCESS EXCLUSIVE, users beside it
CREATE TABLE readings_kr (id bigint, region text NOT NULL CHECK (region = 'kr'));
ALTER TABLE readings ATTACH PARTITION readings_kr FOR VALUES IN ('kr');
ALTER TABLE users ADD COLUMN nickname_kr text;

-- case: partitions_of_one_parent tx expect: PG126, PG126
-- both lock readings and readings_other: the second adds no table to the first's
CREATE TABLE readings_cn PARTITION OF readings FOR VALUES IN ('cn');
CREATE TABLE readings_in PARTITION OF readings FOR VALUES IN ('in');

-- case: drop_attached_partition tx expect: PG119
-- dropping readings_jp while attached detaches it under ACCESS EXCLUSIVE on readings and readings_other
-- lint:ack PG114 its rows were archived
DROP TABLE readings_jp;

-- case: drop_detached_partition tx expect: none
-- detached first (plain, beside the default partition, in a revision of its own): the DROP locks only itself
-- lint:ack PG114 its rows were archived
DROP TABLE readings_ap;
