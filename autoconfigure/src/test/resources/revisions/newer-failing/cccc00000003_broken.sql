-- A newer version's revision that fails
--
-- Revision ID: cccc00000003
-- Revises: aaaa00000002
-- Create Date: 2026-11-26 06:00:00

-- +upgrade
INSERT INTO no_such_table (id) VALUES (1);

-- +downgrade
