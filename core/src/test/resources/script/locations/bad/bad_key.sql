-- Bad key
-- Revision ID: ccc000000001
-- Revisez: aaa000000002

-- +upgrade
