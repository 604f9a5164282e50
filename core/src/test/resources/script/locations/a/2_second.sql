-- Second revision
-- Revision ID: aaa000000002
-- Revises: aaa000000001

-- +upgrade
CREATE TABLE second (id integer);
