-- Add origin to beverages (the version after a rolled-back one, whose cccc00000003 it dropped)
--
-- Revision ID: dddd00000003
-- Revises: aaaa00000002
-- Create Date: 2026-11-28 12:00:00

-- +upgrade
ALTER TABLE beverages ADD COLUMN origin text;

-- +downgrade
ALTER TABLE beverages DROP COLUMN origin;
