-- Left branch
--
-- Revision ID: dddd00000002
-- Revises: aaaa00000001

-- +upgrade
CREATE TABLE lefts (id integer);

-- +downgrade
DROP TABLE lefts;
