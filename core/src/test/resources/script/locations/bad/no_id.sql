-- No id at all
-- Revises: aaa000000002

-- +upgrade
