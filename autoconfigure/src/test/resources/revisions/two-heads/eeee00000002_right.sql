-- Right branch
--
-- Revision ID: eeee00000002
-- Revises: aaaa00000001

-- +upgrade
CREATE TABLE rights (id integer);

-- +downgrade
DROP TABLE rights;
