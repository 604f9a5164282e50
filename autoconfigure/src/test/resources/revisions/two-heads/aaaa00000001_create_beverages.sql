-- Create beverages
--
-- Revision ID: aaaa00000001
-- Revises:
-- Create Date: 2026-11-25 20:00:00

-- +upgrade
CREATE TABLE beverages (id integer PRIMARY KEY, name text NOT NULL);

-- +downgrade
DROP TABLE beverages;
