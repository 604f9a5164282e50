-- A spring.sql.init data script: development data over what the revisions hold (espresso, id 1).
INSERT INTO beverages (id, name) VALUES (2, 'latte') ON CONFLICT DO NOTHING;
INSERT INTO cups (beverage_id) VALUES (1);
