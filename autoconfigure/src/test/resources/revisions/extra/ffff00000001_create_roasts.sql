-- Create roasts
--
-- Revision ID: ffff00000001
-- Revises:
-- Create Date: 2026-11-26 05:00:00

-- +upgrade
CREATE TABLE roasts (id integer PRIMARY KEY, name text NOT NULL);

-- +downgrade
DROP TABLE roasts;
