-- Add user column to coffee logs
--
-- Revision ID: 1975ea83b712
-- Revises: ae1027a6acf3
-- Create Date: 2026-11-25 21:00:00
--
-- Notes:
-- - nullable first: rows logged before users existed have no owner

-- +upgrade
ALTER TABLE coffee_logs ADD COLUMN user_id integer;

-- +downgrade
ALTER TABLE coffee_logs DROP COLUMN user_id;
