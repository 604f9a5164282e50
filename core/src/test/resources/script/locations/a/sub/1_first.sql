-- First revision
-- Revision ID: aaa000000001
-- Revises:

-- +upgrade
CREATE TABLE first (id integer);

-- +downgrade
DROP TABLE first;
