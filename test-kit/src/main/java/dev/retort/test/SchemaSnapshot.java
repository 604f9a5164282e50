package dev.retort.test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.retort.config.RetortConfig;

/**
 * The schema of a database as lines of text, one per object, sorted: schemas, extensions (with
 * their version and schema), relations (with persistence, whether a materialized view is
 * populated, a composite type's attributes in order, storage options, row level security, replica
 * identity and its index, partition key, parents and partition bound), columns (type, NOT NULL,
 * default, identity, generated, collation, storage, compression, statistics target, options such
 * as n_distinct), sequences with their parameters, constraints (with whether they are validated,
 * and whether their own triggers are disabled), domains, indexes (with whether they are valid),
 * enum types with their labels in order, composite types, views' definitions, functions' whole
 * definitions, triggers and rules (enabled or not), extended statistics, collations, row level
 * security policies and comments on any object; a sequence's owning column, an index a table is
 * clustered on; privileges on relations, columns, sequences, functions, types and schemas, default
 * privileges, owners; the database's publications and event triggers. Retort's own version and
 * history tables are left out. Two snapshots are equal when the schemas are.
 *
 * @param lines the objects, sorted
 */
record SchemaSnapshot(List<String> lines) {

	static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
			+ " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

	/**
	 * What a {@code GRANT} names a relation by; a composite type's owner is that of a type
	 * ({@code ALTER TYPE … OWNER TO}).
	 */
	private static final String RELATION_KIND = "CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view'"
			+ " WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' WHEN 'c' THEN 'type' ELSE 'table' END";

	/**
	 * A published table's column list and row filter (PostgreSQL 15), as {@code CREATE PUBLICATION}
	 * writes them; replaced by nothing for PostgreSQL 14. Not pg_publication_tables, which also has
	 * them: its function's estimate of a thousand rows a publication made the planner compile the
	 * whole snapshot query (JIT), seconds each time.
	 */
	private static final String PUBLISHED_COLUMNS_AND_ROWS = " || COALESCE(' (' || (SELECT string_agg(a.attname, ', '"
			+ " ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = pr.prrelid AND a.attnum = ANY (pr.prattrs))"
			+ " || ')', '') || COALESCE(' where ' || pg_get_expr(pr.prqual, pr.prrelid), '')";

	/** The schemas a publication takes every table of (PostgreSQL 15); replaced by nothing for 14. */
	private static final String PUBLISHED_SCHEMAS = " UNION ALL SELECT 'publication ' || p.pubname || ' tables in schema '"
			+ " || n.nspname FROM pg_publication_namespace pn JOIN pg_publication p ON p.oid = pn.pnpubid"
			+ " JOIN pg_namespace n ON n.oid = pn.pnnspid";

	/**
	 * What {@code DISABLE TRIGGER ALL} did to a constraint's own triggers (a foreign key's, on
	 * either table; a deferrable unique key's): still there and valid, it checks nothing
	 * ("disabled", "enabled replica") until {@code ENABLE TRIGGER ALL}. Nothing for triggers as
	 * PostgreSQL made them.
	 */
	private static final String CONSTRAINT_TRIGGERS = "COALESCE((SELECT ' (its triggers ' || string_agg(DISTINCT"
			+ " CASE tg.tgenabled WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'enabled replica' ELSE 'enabled always' END"
			+ " || ' on ' || tn.nspname || '.' || tc.relname, ', ') || CASE WHEN bool_or(tg.tgenabled IN ('D', 'R'))"
			+ " THEN ': not enforced' ELSE '' END || ')' FROM pg_trigger tg JOIN pg_class tc ON tc.oid = tg.tgrelid"
			+ " JOIN pg_namespace tn ON tn.oid = tc.relnamespace"
			+ " WHERE tg.tgconstraint = con.oid AND tg.tgisinternal AND tg.tgenabled <> 'O'), '')";

	/**
	 * What follows a function's name in its line, before the whole definition: a failure shows
	 * the lines of the definition that differ, not the whole of it.
	 */
	private static final String FUNCTION_DEFINITION = " definition ";

	/** The oid of the user the revisions run as, looked up once for the query. */
	private static final String CURRENT_USER = "(SELECT to_regrole(quote_ident(current_user))::oid)";

	private static final String QUERY = "SELECT 'schema ' || n.nspname FROM pg_namespace n WHERE " + USER_SCHEMAS
			// Its version and schema: ALTER EXTENSION … UPDATE TO or SET SCHEMA run again never fails.
			+ " UNION ALL SELECT 'extension ' || e.extname || ' version ' || e.extversion || ' schema ' || en.nspname"
			+ " FROM pg_extension e JOIN pg_namespace en ON en.oid = e.extnamespace WHERE e.extname <> 'plpgsql'"
			// Storage settings a downgrade must also undo, though re-running an upgrade that sets them never fails.
			// The kind in words, as the failure prints it ("kind table", not PostgreSQL's "kind r").
			+ " UNION ALL SELECT 'relation ' || n.nspname || '.' || c.relname || ' kind ' || CASE c.relkind"
			+ " WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'"
			+ " WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' WHEN 'c' THEN 'composite type' ELSE c.relkind::text END"
			+ " || CASE WHEN c.relpersistence = 'u' THEN ' unlogged' ELSE '' END"
			// Created again WITH NO DATA, a materialized view has its definition and fails every query until
			// refreshed.
			+ " || CASE WHEN c.relkind = 'm' AND NOT c.relispopulated THEN ' not populated' ELSE '' END"
			// A composite type's attributes in order: its values are filled by position. A table's columns are
			// not: one a downgrade adds back always goes last.
			+ " || CASE WHEN c.relkind = 'c' THEN ' (' || (SELECT string_agg(ca.attname, ', ' ORDER BY ca.attnum)"
			+ " FROM pg_attribute ca WHERE ca.attrelid = c.oid AND ca.attnum > 0 AND NOT ca.attisdropped) || ')' ELSE '' END"
			+ " || COALESCE(' with (' || array_to_string(c.reloptions, ', ') || ')', '')"
			+ " || CASE WHEN c.relrowsecurity THEN ' row level security' ELSE '' END"
			+ " || CASE WHEN c.relforcerowsecurity THEN ' forced' ELSE '' END"
			// In words, and by which index: one given back on another replicates rows by other columns.
			+ " || CASE WHEN c.relkind IN ('r', 'p') AND c.relreplident <> 'd'"
			+ " THEN ' replica identity ' || CASE c.relreplident WHEN 'f' THEN 'full' WHEN 'n' THEN 'nothing'"
			+ " ELSE 'using index ' || COALESCE((SELECT ri.relname FROM pg_index i JOIN pg_class ri ON ri.oid = i.indexrelid"
			+ " WHERE i.indrelid = c.oid AND i.indisreplident), c.relreplident::text) END ELSE '' END"
			// A detached partition or a table no longer inheriting keeps its columns: only this tells.
			+ " || COALESCE(' partition by ' || pg_get_partkeydef(c.oid), '')"
			+ " || COALESCE(' inherits ' || (SELECT string_agg(pn.nspname || '.' || pc.relname, ', ' ORDER BY i.inhseqno)"
			+ " FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace"
			+ " WHERE i.inhrelid = c.oid), '')"
			+ " || COALESCE(' ' || pg_get_expr(c.relpartbound, c.oid), '')"
			+ " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE " + USER_SCHEMAS + " AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c') AND NOT c.relname = ANY (?)"
			// A sequence has a line of its own below: a second, "relation public.invoice_seq kind sequence", only
			// doubled a sequence left behind. It has one here for what that line lacks: being unlogged.
			+ " AND (c.relkind <> 'S' OR c.relpersistence = 'u')"
			+ " UNION ALL SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' '"
			+ " || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END"
			+ " || COALESCE(' default ' || pg_get_expr(d.adbin, d.adrelid), '')"
			// In the words of the ADD GENERATED … AS IDENTITY that gives it back ("identity d" was PostgreSQL's code).
			+ " || CASE a.attidentity WHEN 'a' THEN ' generated always as identity'"
			+ " WHEN 'd' THEN ' generated by default as identity' ELSE '' END"
			// PostgreSQL 18's virtual generated columns print the same expression as stored ones.
			+ " || CASE a.attgenerated WHEN 's' THEN ' generated stored' WHEN 'v' THEN ' generated virtual' ELSE '' END"
			+ " || CASE WHEN a.attcollation <> t.typcollation THEN ' collate ' || quote_ident(coll.collname) ELSE '' END"
			+ " || CASE WHEN a.attstorage <> t.typstorage THEN ' storage ' || a.attstorage::text ELSE '' END"
			+ " || CASE WHEN a.attcompression <> '' THEN ' compression ' || a.attcompression::text ELSE '' END"
			// What the planner reads of it (SET STATISTICS, SET (n_distinct = …)): an upgrade run again never
			// trips over them. Unset, -1 before PostgreSQL 17 and NULL from 17 on; neither prints.
			+ " || CASE WHEN a.attstattarget >= 0 THEN ' statistics ' || a.attstattarget ELSE '' END"
			+ " || COALESCE(' options (' || array_to_string(a.attoptions, ', ') || ')', '')"
			+ " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_collation coll ON coll.oid = a.attcollation"
			+ " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
			+ " WHERE " + USER_SCHEMAS + " AND a.attnum > 0 AND NOT a.attisdropped"
			+ " AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND NOT c.relname = ANY (?)"
			+ " UNION ALL SELECT 'sequence ' || n.nspname || '.' || c.relname || ' ' || format_type(s.seqtypid, NULL)"
			+ " || ' start ' || s.seqstart || ' increment ' || s.seqincrement || ' min ' || s.seqmin || ' max ' || s.seqmax"
			+ " || ' cache ' || s.seqcache || CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END"
			// OWNED BY (a serial's, or set by hand): a table dropped later takes an owned sequence with it.
			+ " || COALESCE((SELECT ' owned by ' || tn.nspname || '.' || tc.relname || '.' || ta.attname FROM pg_depend dep"
			+ " JOIN pg_class tc ON tc.oid = dep.refobjid JOIN pg_namespace tn ON tn.oid = tc.relnamespace"
			+ " JOIN pg_attribute ta ON ta.attrelid = dep.refobjid AND ta.attnum = dep.refobjsubid"
			+ " WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid AND dep.deptype = 'a'"
			+ " AND dep.refclassid = 'pg_class'::regclass), '')"
			+ " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE " + USER_SCHEMAS + " AND NOT c.relname = ANY (?)"
			+ " UNION ALL SELECT 'constraint ' || n.nspname || '.' || c.relname || '.' || con.conname || ' '"
			+ " || pg_get_constraintdef(con.oid) || " + CONSTRAINT_TRIGGERS
			+ " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE " + USER_SCHEMAS + " AND NOT c.relname = ANY (?)"
			+ " UNION ALL SELECT 'domain ' || n.nspname || '.' || t.typname || ' ' || format_type(t.typbasetype, t.typtypmod)"
			+ " || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END || COALESCE(' default ' || t.typdefault, '')"
			+ " || CASE WHEN t.typcollation <> bt.typcollation THEN ' collate ' || quote_ident(coll.collname) ELSE '' END"
			+ " FROM pg_type t JOIN pg_type bt ON bt.oid = t.typbasetype JOIN pg_namespace n ON n.oid = t.typnamespace"
			+ " LEFT JOIN pg_collation coll ON coll.oid = t.typcollation WHERE " + USER_SCHEMAS + " AND t.typtype = 'd'"
			+ " UNION ALL SELECT 'constraint ' || n.nspname || '.' || t.typname || '.' || con.conname || ' '"
			+ " || pg_get_constraintdef(con.oid)"
			+ " FROM pg_constraint con JOIN pg_type t ON t.oid = con.contypid JOIN pg_namespace n ON n.oid = t.typnamespace"
			+ " WHERE " + USER_SCHEMAS
			+ " UNION ALL SELECT 'index ' || n.nspname || '.' || ic.relname || ' ' || pg_get_indexdef(i.indexrelid)"
			+ " || CASE WHEN i.indisclustered THEN ' clustered' ELSE '' END"
			+ " || CASE WHEN i.indisvalid THEN '' ELSE ' (invalid)' END"
			+ " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid"
			+ " JOIN pg_namespace n ON n.oid = ic.relnamespace WHERE " + USER_SCHEMAS + " AND NOT tc.relname = ANY (?)"
			+ " UNION ALL SELECT 'enum ' || n.nspname || '.' || t.typname || ' ' || string_agg(e.enumlabel, ', '"
			+ " ORDER BY e.enumsortorder) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid"
			+ " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " + USER_SCHEMAS + " GROUP BY n.nspname, t.typname"
			+ " UNION ALL SELECT 'view ' || n.nspname || '.' || c.relname || ' ' || pg_get_viewdef(c.oid)"
			+ " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMAS
			+ " AND c.relkind IN ('v', 'm')"
			// The whole definition (return type, volatility, security, settings), not only the body;
			// pg_get_functiondef refuses aggregates, which keep their transition function's name.
			+ " UNION ALL SELECT 'function ' || n.nspname || '.' || p.proname || '('"
			+ " || pg_get_function_identity_arguments(p.oid) || ')" + FUNCTION_DEFINITION + "'"
			+ " || CASE WHEN p.prokind = 'a' THEN p.prosrc ELSE pg_get_functiondef(p.oid) END"
			+ " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + USER_SCHEMAS
			+ " AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = p.oid AND dep.deptype = 'e')"
			+ " UNION ALL SELECT 'trigger ' || n.nspname || '.' || c.relname || '.' || tg.tgname || ' '"
			+ " || pg_get_triggerdef(tg.oid) || CASE tg.tgenabled WHEN 'D' THEN ' disabled' WHEN 'R' THEN ' enabled replica'"
			+ " WHEN 'A' THEN ' enabled always' ELSE '' END FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid"
			+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMAS + " AND NOT tg.tgisinternal"
			// Rules, extended statistics and collations: an upgrade that creates one with OR REPLACE or
			// IF NOT EXISTS runs again without a word after a downgrade that forgot to drop it.
			+ " UNION ALL SELECT 'rule ' || n.nspname || '.' || c.relname || '.' || r.rulename || ' '"
			+ " || pg_get_ruledef(r.oid) || CASE r.ev_enabled WHEN 'D' THEN ' disabled' WHEN 'R' THEN ' enabled replica'"
			+ " WHEN 'A' THEN ' enabled always' ELSE '' END FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class"
			+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMAS + " AND r.rulename <> '_RETURN'"
			+ " UNION ALL SELECT 'statistics ' || n.nspname || '.' || st.stxname || ' ' || pg_get_statisticsobjdef(st.oid)"
			+ " FROM pg_statistic_ext st JOIN pg_namespace n ON n.oid = st.stxnamespace WHERE " + USER_SCHEMAS
			+ " UNION ALL SELECT 'collation ' || n.nspname || '.' || coll.collname || ' provider ' || coll.collprovider::text"
			+ " || CASE WHEN coll.collisdeterministic THEN '' ELSE ' nondeterministic' END"
			+ " FROM pg_collation coll JOIN pg_namespace n ON n.oid = coll.collnamespace WHERE " + USER_SCHEMAS
			+ " UNION ALL SELECT 'policy ' || n.nspname || '.' || c.relname || '.' || pol.polname"
			+ " || CASE WHEN pol.polpermissive THEN ' permissive' ELSE ' restrictive' END || ' for ' || pol.polcmd::text"
			+ " || ' to ' || array_to_string(ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END"
			+ " FROM unnest(pol.polroles) AS r ORDER BY 1), ', ')"
			+ " || COALESCE(' using ' || pg_get_expr(pol.polqual, pol.polrelid), '')"
			+ " || COALESCE(' check ' || pg_get_expr(pol.polwithcheck, pol.polrelid), '')"
			+ " FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE " + USER_SCHEMAS
			// Every object's comment, not only tables' and columns': COMMENT ON FUNCTION, TYPE, CONSTRAINT,
			// SCHEMA… Only what a user made (its oid is past the built-in ones): the filter comes first, so
			// the thousands of built-in descriptions are never looked up, which took most of a snapshot.
			+ " UNION ALL SELECT 'comment ' || o.type || ' ' || o.identity || ' ' || d.description"
			+ " FROM pg_description d, pg_identify_object(d.classoid, d.objoid, d.objsubid) o"
			+ " WHERE d.objoid >= 16384 AND (o.schema IS NULL OR (o.schema NOT IN ('pg_catalog', 'information_schema')"
			+ " AND o.schema NOT LIKE 'pg_toast%' AND o.schema NOT LIKE 'pg_temp%'))"
			// Privileges: a downgrade that forgets its REVOKE passes everything else, and the next upgrade's
			// GRANT runs again without a word. Each object's privileges are compared with the ones it has
			// by default (acldefault), so an ACL granted and revoked again equals one never touched. Every
			// kind of object in one arm, its ACL read apart by one lateral subquery: each more of those
			// made planning the snapshot slower. Here and for owners, only objects made after initdb
			// (oid 16384 on): the built-in ones are skipped by index rather than read and filtered out.
			+ " UNION ALL SELECT o.prefix || g.verb || g.privilege || o.columns || ' on ' || o.object || g.grantee FROM ("
			+ "SELECT '' AS prefix, '' AS columns, " + RELATION_KIND + " || ' ' || n.nspname || '.' || c.relname AS object,"
			+ " c.relacl AS acl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::\"char\", c.relowner) AS defaults,"
			+ " NULL::oid AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE c.oid >= 16384 AND " + USER_SCHEMAS + " AND c.relacl IS NOT NULL AND NOT c.relname = ANY (?)"
			// A column's, but not its table owner's: a table given to the role a column was granted to and back
			// makes the grant the owner's (PostgreSQL swaps the owner in every ACL), changing nothing it may do.
			+ " UNION ALL SELECT '', ' (' || a.attname || ')', " + RELATION_KIND + " || ' ' || n.nspname || '.' || c.relname,"
			+ " a.attacl, NULL, c.relowner FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
			+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.attrelid >= 16384 AND " + USER_SCHEMAS
			+ " AND a.attacl IS NOT NULL AND NOT a.attisdropped AND NOT c.relname = ANY (?)"
			+ " UNION ALL SELECT '', '', CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END || ' ' || n.nspname"
			+ " || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', p.proacl,"
			+ " acldefault('f', p.proowner), NULL FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
			+ " WHERE p.oid >= 16384 AND " + USER_SCHEMAS + " AND p.proacl IS NOT NULL"
			+ " AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = p.oid AND dep.deptype = 'e')"
			+ " UNION ALL SELECT '', '', CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END || ' ' || n.nspname || '.'"
			+ " || t.typname, t.typacl, acldefault('T', t.typowner), NULL FROM pg_type t"
			+ " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid >= 16384 AND " + USER_SCHEMAS
			+ " AND t.typacl IS NOT NULL"
			+ " UNION ALL SELECT '', '', 'schema ' || n.nspname, n.nspacl, acldefault('n', n.nspowner), NULL"
			+ " FROM pg_namespace n WHERE " + USER_SCHEMAS + " AND n.nspacl IS NOT NULL"
			// ALTER DEFAULT PRIVILEGES: in a schema, added to the role's defaults for the whole database; without
			// one, those defaults themselves, kept only where they differ from the built-in ones.
			+ " UNION ALL SELECT 'default privileges for role ' || pg_get_userbyid(d.defaclrole)"
			+ " || COALESCE(' in schema ' || n.nspname, '') || ': ', '', CASE d.defaclobjtype WHEN 'r' THEN 'tables'"
			+ " WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas'"
			+ " WHEN 'L' THEN 'large objects' ELSE d.defaclobjtype::text END, d.defaclacl,"
			+ " CASE WHEN d.defaclnamespace = 0 THEN acldefault(CASE d.defaclobjtype WHEN 'S' THEN 's'"
			+ " ELSE d.defaclobjtype END, d.defaclrole) END, NULL"
			+ " FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace"
			+ " WHERE d.defaclnamespace = 0 OR (" + USER_SCHEMAS + ")) o," + privileges("o.acl", "o.defaults")
			+ " WHERE o.owner IS NULL OR g.role <> o.owner"
			// Owners (ALTER … OWNER TO): a schema's always, an object's where it is not the user the revisions
			// run as (who made it), so that the objects no revision gave away give no line each.
			+ " UNION ALL SELECT 'owner of schema ' || n.nspname || ' is ' || pg_get_userbyid(n.nspowner)"
			+ " FROM pg_namespace n WHERE " + USER_SCHEMAS
			+ " UNION ALL SELECT 'owner of ' || " + RELATION_KIND + " || ' ' || n.nspname || '.' || c.relname || ' is '"
			+ " || pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE c.oid >= 16384 AND " + USER_SCHEMAS + " AND c.relowner <> " + CURRENT_USER
			+ " AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')"
			+ " AND NOT c.relname = ANY (?)"
			+ " UNION ALL SELECT 'owner of ' || CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate'"
			+ " ELSE 'function' END || ' ' || n.nspname || '.' || p.proname || '('"
			+ " || pg_get_function_identity_arguments(p.oid) || ') is ' || pg_get_userbyid(p.proowner)"
			+ " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.oid >= 16384 AND " + USER_SCHEMAS
			+ " AND p.proowner <> " + CURRENT_USER
			+ " UNION ALL SELECT 'owner of ' || CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END || ' ' || n.nspname"
			+ " || '.' || t.typname || ' is ' || pg_get_userbyid(t.typowner) FROM pg_type t"
			+ " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid >= 16384 AND " + USER_SCHEMAS
			+ " AND t.typowner <> " + CURRENT_USER
			// A composite type is a relation above; an array type and a range's multirange follow their type.
			+ " AND t.typrelid = 0 AND t.typtype IN ('b', 'd', 'e', 'r') AND t.typcategory <> 'A'"
			// Publications and event triggers belong to the database, not to a schema: all of them, since the
			// kit's database holds only what the revisions made.
			+ " UNION ALL SELECT 'publication ' || p.pubname || CASE WHEN p.puballtables THEN ' for all tables' ELSE '' END"
			+ " || ' publish ' || concat_ws(', ', CASE WHEN p.pubinsert THEN 'insert' END, CASE WHEN p.pubupdate"
			+ " THEN 'update' END, CASE WHEN p.pubdelete THEN 'delete' END, CASE WHEN p.pubtruncate THEN 'truncate' END)"
			+ " || CASE WHEN p.pubviaroot THEN ' via partition root' ELSE '' END"
			// PostgreSQL 18's publish_generated_columns, read from the row so that older servers read it too.
			+ " || CASE WHEN to_jsonb(p) ->> 'pubgencols' IN ('s', 'true') THEN ' with generated columns' ELSE '' END"
			+ " FROM pg_publication p"
			+ " UNION ALL SELECT 'publication ' || p.pubname || ' table ' || n.nspname || '.' || c.relname"
			+ PUBLISHED_COLUMNS_AND_ROWS + " FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid"
			+ " JOIN pg_class c ON c.oid = pr.prrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ PUBLISHED_SCHEMAS
			+ " UNION ALL SELECT 'event trigger ' || e.evtname || ' on ' || e.evtevent"
			+ " || COALESCE(' when tag in (' || array_to_string(e.evttags, ', ') || ')', '')"
			+ " || ' execute function ' || e.evtfoid::regprocedure::text || CASE e.evtenabled WHEN 'D' THEN ' disabled'"
			+ " WHEN 'R' THEN ' enabled replica' WHEN 'A' THEN ' enabled always' ELSE '' END FROM pg_event_trigger e"
			+ " WHERE NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = 'pg_event_trigger'::regclass"
			+ " AND dep.objid = e.oid AND dep.deptype = 'e')";

	/** How many times {@link #QUERY} takes the tables left out. */
	private static final int LEFT_OUT_PARAMETERS = 8;

	/**
	 * The privileges an object's {@code acl} gives beyond its {@code defaults} ({@code g.verb} "grant
	 * ", {@code g.grantee} " to …"), and those of its defaults it takes away ("revoke ", " from …"),
	 * as {@code g}: {@code GRANT}s and {@code REVOKE}s in the words a user wrote them ({@code g.role}
	 * the grantee's oid, 0 for PUBLIC).
	 */
	private static String privileges(String acl, String defaults) {
		String who = "CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_get_userbyid(a.grantee)::text END";
		// NOT EXISTS rather than EXCEPT: a hashed set operation for each object took most of the time.
		String notIn = " WHERE NOT EXISTS (SELECT 1 FROM aclexplode(%s) b WHERE b.grantee = a.grantee"
				+ " AND b.privilege_type = a.privilege_type AND b.is_grantable = a.is_grantable)";
		return " LATERAL (SELECT 'grant ' AS verb, a.privilege_type AS privilege, ' to ' || " + who
				+ " || CASE WHEN a.is_grantable THEN ' with grant option' ELSE '' END AS grantee, a.grantee AS role"
				+ " FROM aclexplode(" + acl + ") a" + notIn.formatted(defaults)
				+ " UNION ALL SELECT 'revoke ', a.privilege_type, ' from ' || " + who + ", a.grantee"
				+ " FROM aclexplode(" + defaults + ") a" + notIn.formatted(acl) + ") g";
	}

	SchemaSnapshot {
		lines = List.copyOf(lines);
	}

	/**
	 * The schema of the kit's database as it is now, Retort's version and history tables (and the
	 * history's sequence) left out: what no downgrade gives back as it was.
	 * @param sessions the kit's sessions on its database
	 * @param config the kit's configuration, which names Retort's tables
	 */
	static SchemaSnapshot of(KitSessions sessions, RetortConfig config) {
		Set<String> retortTables = Set.of(config.versionTable(), config.historyTable(), config.historyTable() + "_id_seq");
		try {
			return sessions.read((session) -> read(session, retortTables));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the schema: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Reads the schema.
	 * @param connection a connection to the database
	 * @param leftOut tables not part of the schema (Retort's version and history tables)
	 */
	static SchemaSnapshot read(Connection connection, Set<String> leftOut) throws SQLException {
		Set<String> lines = new TreeSet<>();
		String query = (connection.getMetaData().getDatabaseMajorVersion() >= 15) ? QUERY
				: QUERY.replace(PUBLISHED_COLUMNS_AND_ROWS, "").replace(PUBLISHED_SCHEMAS, "");
		try (PreparedStatement statement = connection.prepareStatement(query)) {
			String[] tables = leftOut.toArray(String[]::new);
			for (int i = 1; i <= LEFT_OUT_PARAMETERS; i++) {
				statement.setArray(i, connection.createArrayOf("text", tables));
			}
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					lines.add(rows.getString(1));
				}
			}
		}
		return new SchemaSnapshot(new ArrayList<>(lines));
	}

	/**
	 * What differs from another snapshot, one object per line: {@code +} there only, {@code -} here
	 * only, and {@code ~} an object of both whose definition changed, as it is there followed by
	 * what it was here. Read as one line added and one removed, a column whose default a downgrade
	 * forgot ("+ column public.users.status text default 'new'::text", "- column
	 * public.users.status text") sent its reader to drop the column and create it again.
	 * @param other the snapshot compared with this one
	 * @return the lines, each starting with a line break; empty when the schemas are equal
	 */
	String difference(SchemaSnapshot other) {
		Set<String> mine = new TreeSet<>(this.lines);
		Set<String> theirs = new TreeSet<>(other.lines);
		List<String> added = theirs.stream().filter((line) -> !mine.contains(line)).toList();
		List<String> removed = mine.stream().filter((line) -> !theirs.contains(line)).toList();
		Map<String, String> addedByObject = byObject(added);
		Map<String, String> removedByObject = byObject(removed);
		StringBuilder text = new StringBuilder();
		for (String line : added) {
			String was = removedByObject.get(object(line));
			if (was != null && addedByObject.get(object(line)) != null) {
				text.append("\n    ~ ").append(notAsItWas(line, was));
			}
			else {
				text.append("\n    + ").append(shown(line));
			}
		}
		for (String line : removed) {
			String now = addedByObject.get(object(line));
			if (now == null || removedByObject.get(object(line)) == null) {
				text.append("\n    - ").append(shown(line));
			}
		}
		return text.toString();
	}

	/** An object of both snapshots, as it is now and what it was; a function by the lines that differ. */
	private static String notAsItWas(String line, String was) {
		String object = object(line);
		if (!object.startsWith("function ")) {
			return line + " (was: " + was.substring(object.length()).strip() + ")";
		}
		List<String> now = definitionLines(line);
		List<String> then = definitionLines(was);
		StringBuilder text = new StringBuilder(object).append(", the lines of its definition not as they were:");
		now.stream().filter((row) -> !then.contains(row)).forEach((row) -> text.append("\n        now: ").append(row));
		then.stream().filter((row) -> !now.contains(row)).forEach((row) -> text.append("\n        was: ").append(row));
		if (String.join(" ", now).replaceAll("\\s+", " ").equals(String.join(" ", then).replaceAll("\\s+", " "))) {
			// Invisible in the lines above: a body copied back with other spaces or line breaks.
			text.append("\n        (they differ in white space only)");
		}
		return text.toString();
	}

	/** A function's definition, line by line. */
	private static List<String> definitionLines(String line) {
		return List.of(line.substring(object(line).length() + FUNCTION_DEFINITION.length()).split("\n"));
	}

	/** A line as a failure shows it: a function by its name and arguments, without its whole definition. */
	private static String shown(String line) {
		String object = object(line);
		return (object != null && object.startsWith("function ")) ? object : line;
	}

	/** The kinds of line that name one object by their first two words ("column public.users.status …"). */
	private static final Set<String> NAMED_KINDS = Set.of("column", "relation", "sequence", "index", "view", "enum",
			"domain", "constraint", "trigger", "rule", "extension");

	/** The lines of objects named once among them, by object; a name seen twice is left unpaired. */
	private static Map<String, String> byObject(List<String> lines) {
		Map<String, String> byObject = new HashMap<>();
		for (String line : lines) {
			String object = object(line);
			if (object != null) {
				// Null marks a name seen twice: its lines are not paired.
				byObject.put(object, byObject.containsKey(object) ? null : line);
			}
		}
		return byObject;
	}

	/**
	 * "column public.users.status" of such a line, "function public.touch(id integer)" of a
	 * function's (whose arguments hold spaces), or null.
	 */
	private static String object(String line) {
		if (line.startsWith("function ")) {
			int end = line.indexOf(")" + FUNCTION_DEFINITION);
			return (end < 0) ? null : line.substring(0, end + 1);
		}
		String[] words = line.split(" ", 3);
		return (words.length == 3 && NAMED_KINDS.contains(words[0])) ? words[0] + " " + words[1] : null;
	}

	/** The objects left invalid: indexes a failed concurrent build left, constraints never validated. */
	List<String> invalidObjects() {
		// pg_get_constraintdef ends a constraint never validated with NOT VALID; one NOT ENFORCED
		// (PostgreSQL 18), which cannot be validated, with NOT ENFORCED instead. One whose triggers are
		// disabled ends with what CONSTRAINT_TRIGGERS says of it.
		return this.lines.stream()
			.filter((line) -> line.endsWith(" (invalid)") || line.endsWith(" NOT VALID") || line.endsWith(": not enforced)"))
			.toList();
	}

}
