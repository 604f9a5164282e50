-- Revises a revision that does not exist
-- Revision ID: ccc000000002
-- Revises: ccc000000009

-- +upgrade
