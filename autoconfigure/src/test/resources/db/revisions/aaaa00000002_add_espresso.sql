-- Add espresso
--
-- Revision ID: aaaa00000002
-- Revises: aaaa00000001
-- Create Date: 2026-11-25 20:10:00
--
-- Notes:
-- - id 1 is what the menu page links to

-- +upgrade
INSERT INTO beverages (id, name) VALUES (1, 'espresso');

-- +downgrade
DELETE FROM beverages WHERE id = 1;
