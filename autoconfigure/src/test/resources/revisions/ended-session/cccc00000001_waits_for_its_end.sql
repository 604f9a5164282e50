-- Waits until its session is ended
--
-- Revision ID: cccc00000001
-- Revises:
-- Create Date: 2026-11-27 09:30:00

-- +upgrade
CREATE TABLE never_kept (id integer);
-- At most a minute, so that a broken test cannot hang the build.
DO $$ BEGIN FOR i IN 1..1200 LOOP PERFORM pg_sleep(0.05); END LOOP; END $$;

-- +downgrade
DROP TABLE never_kept;
