-- Broken revision
--
-- Revision ID: bbbb00000002
-- Revises: aaaa00000001
-- Create Date: 2026-11-25 20:20:00

-- +upgrade
INSERT INTO no_such_table (id) VALUES (1);

-- +downgrade
