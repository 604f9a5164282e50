-- Third revision, from another location
-- Revision ID: bbb000000003
-- Revises: aaa000000002

-- +upgrade
-- +downgrade
