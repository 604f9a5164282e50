-- Add roasted_on to beverages (a newer version of the application)
--
-- Revision ID: cccc00000003
-- Revises: aaaa00000002
-- Create Date: 2026-11-26 06:00:00

-- +upgrade
ALTER TABLE beverages ADD COLUMN roasted_on date;

-- +downgrade
ALTER TABLE beverages DROP COLUMN roasted_on;
