-- A spring.sql.init schema script beside the revisions: it needs the table the first revision creates.
CREATE TABLE IF NOT EXISTS cups (id serial PRIMARY KEY, beverage_id integer NOT NULL REFERENCES beverages (id));
