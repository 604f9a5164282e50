-- Rename coffee_type to beverage_type
--
-- Revision ID: c7d3e9a1f4b6
-- Revises: 5e8f1b2c7d90
-- Create Date: 2026-11-25 23:00:00
--
-- Notes:
-- - tea drinkers log too now

-- +upgrade
ALTER TABLE coffee_logs RENAME COLUMN coffee_type TO beverage_type;

-- +downgrade
ALTER TABLE coffee_logs RENAME COLUMN beverage_type TO coffee_type;
