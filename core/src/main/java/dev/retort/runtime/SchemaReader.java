package dev.retort.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.retort.autogenerate.LeftOut;
import dev.retort.schema.ColumnModel;
import dev.retort.schema.ColumnSettings;
import dev.retort.schema.CompositeTypeModel;
import dev.retort.schema.ConstraintModel;
import dev.retort.schema.DomainModel;
import dev.retort.schema.EnumModel;
import dev.retort.schema.IdentitySequence;
import dev.retort.schema.IndexModel;
import dev.retort.schema.PartitionModel;
import dev.retort.schema.PolicyModel;
import dev.retort.schema.RowSecurity;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SequenceModel;
import dev.retort.schema.TableModel;
import dev.retort.schema.TableOptions;
import dev.retort.schema.ViewModel;

/**
 * Reads one schema of a database into a {@link SchemaModel}, from the catalog. Run it with the
 * schema first on the {@code search_path}: PostgreSQL then prints the names of that schema
 * unqualified in definitions (foreign keys, defaults), so two schemas compare by what they hold.
 */
public final class SchemaReader {

	/**
	 * Leaves out what an extension installed in the schema (PostGIS's spatial_ref_sys,
	 * pg_stat_statements' view): the extension owns it, no revision creates it, and a model
	 * cannot hold it, so comparing it would only write its DROP.
	 */
	private static final String TABLE_NOT_OF_AN_EXTENSION = notOfAnExtension("pg_class", "c.oid");

	private static final String TABLES = "SELECT c.relname, obj_description(c.oid, 'pg_class'),"
			+ " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, c.relrowsecurity, c.relforcerowsecurity,"
			+ " c.relpersistence = 'u', coalesce(c.reloptions, '{}'), CASE c.relreplident WHEN 'f' THEN 'FULL'"
			// An identity index dropped leaves the table as NOTHING would.
			+ " WHEN 'n' THEN 'NOTHING' WHEN 'i' THEN coalesce('USING INDEX ' || (SELECT quote_ident(ic.relname) FROM pg_index ri"
			+ " JOIN pg_class ic ON ic.oid = ri.indexrelid WHERE ri.indrelid = c.oid AND ri.indisreplident), 'NOTHING')"
			+ " ELSE 'DEFAULT' END"
			+ " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition" + TABLE_NOT_OF_AN_EXTENSION
			+ " ORDER BY 1";

	private static final String COLUMNS = "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod),"
			+ " a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text,"
			+ " col_description(c.oid, a.attnum), ids.seqstart, ids.seqincrement, ids.seqmin, ids.seqmax, ids.seqcache,"
			+ " ids.seqcycle, format_type(ids.seqtypid, NULL),"
			// A collation other than the type's default, as COLLATE names it.
			+ " (SELECT CASE WHEN cn.nspname IN ('pg_catalog', n.nspname) THEN quote_ident(co.collname)"
			+ " ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END FROM pg_collation co"
			+ " JOIN pg_namespace cn ON cn.oid = co.collnamespace JOIN pg_type ty ON ty.oid = a.atttypid"
			+ " WHERE co.oid = a.attcollation AND a.attcollation <> ty.typcollation),"
			// PostgreSQL 18 keeps NOT NULL as a constraint, which may be NOT VALID (attnotnull is true then).
			+ " (SELECT nn.conname FROM pg_constraint nn WHERE nn.conrelid = c.oid AND nn.contype = 'n'"
			+ " AND NOT nn.convalidated AND nn.conkey = ARRAY[a.attnum]),"
			// What ALTER COLUMN sets besides: NULL is the default target from PostgreSQL 17 on, -1 before.
			+ " coalesce(a.attstattarget, -1), coalesce(a.attoptions, '{}'), a.attstorage::text,"
			+ " (SELECT ty.typstorage::text FROM pg_type ty WHERE ty.oid = a.atttypid), nullif(a.attcompression::text, '')"
			+ " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid"
			+ " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
			// An identity column's sequence depends on it internally: its options.
			+ " LEFT JOIN (SELECT dep.refobjid, dep.refobjsubid, s.seqstart, s.seqincrement, s.seqmin, s.seqmax,"
			+ " s.seqcache, s.seqcycle, s.seqtypid FROM pg_depend dep"
			+ " JOIN pg_sequence s ON s.seqrelid = dep.objid WHERE dep.classid = 'pg_class'::regclass"
			+ " AND dep.refclassid = 'pg_class'::regclass AND dep.deptype = 'i') ids"
			+ " ON a.attidentity <> '' AND ids.refobjid = c.oid AND ids.refobjsubid = a.attnum"
			+ " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
			+ TABLE_NOT_OF_AN_EXTENSION + " ORDER BY c.relname, a.attnum";

	private static final String CONSTRAINTS = "SELECT c.relname, con.conname, con.contype::text,"
			+ " pg_get_constraintdef(con.oid) FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid"
			+ " JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND con.contype IN ('p', 'u', 'f', 'c', 'x')"
			+ TABLE_NOT_OF_AN_EXTENSION + " ORDER BY c.relname, con.conname";

	private static final String INDEXES = "SELECT c.relname, ic.relname, pg_get_indexdef(i.indexrelid)"
			+ " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid"
			+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND NOT EXISTS"
			+ " (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))"
			+ TABLE_NOT_OF_AN_EXTENSION + " ORDER BY c.relname, ic.relname";

	/**
	 * The policies of the tables, each with its command, kind, roles ({@code PUBLIC} for every role),
	 * expressions as PostgreSQL prints them and the columns they read ({@code table.column}).
	 */
	private static final String POLICIES = "SELECT c.relname, pol.polname, CASE pol.polcmd WHEN 'r' THEN 'SELECT'"
			+ " WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END, pol.polpermissive,"
			+ " ARRAY(SELECT CASE r WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r)) END FROM unnest(pol.polroles) r),"
			+ " pg_get_expr(pol.polqual, pol.polrelid), pg_get_expr(pol.polwithcheck, pol.polrelid),"
			+ " ARRAY(SELECT DISTINCT r.relname || '.' || coalesce(a.attname, '') FROM pg_depend d"
			+ " JOIN pg_class r ON r.oid = d.refobjid LEFT JOIN pg_attribute a ON a.attrelid = r.oid"
			+ " AND a.attnum = d.refobjsubid AND d.refobjsubid > 0 WHERE d.classid = 'pg_policy'::regclass"
			+ " AND d.objid = pol.oid AND d.refclassid = 'pg_class'::regclass)"
			+ " FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition" + TABLE_NOT_OF_AN_EXTENSION
			+ " ORDER BY 1, 2";

	private static final String PARTITIONS = "SELECT c.relname, p.relname, pg_get_expr(c.relpartbound, c.oid),"
			+ " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END FROM pg_class c"
			+ " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_inherits i ON i.inhrelid = c.oid"
			+ " JOIN pg_class p ON p.oid = i.inhparent WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND c.relispartition"
			+ TABLE_NOT_OF_AN_EXTENSION + " ORDER BY 1";

	private static final String COMPOSITE_TYPES = "SELECT t.typname, array_agg(quote_ident(a.attname) || ' '"
			+ " || format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum) FROM pg_type t"
			+ " JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'"
			+ " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
			+ " WHERE n.nspname = ? AND t.typtype = 'c'" + notOfAnExtension("pg_type", "t.oid")
			+ " GROUP BY t.typname ORDER BY 1";

	private static final String DOMAINS = "SELECT t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull,"
			+ " pg_get_expr(t.typdefaultbin, 0) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
			+ " WHERE n.nspname = ? AND t.typtype = 'd'" + notOfAnExtension("pg_type", "t.oid") + " ORDER BY 1";

	private static final String DOMAIN_CONSTRAINTS = "SELECT t.typname, con.conname, pg_get_constraintdef(con.oid)"
			+ " FROM pg_constraint con JOIN pg_type t ON t.oid = con.contypid JOIN pg_namespace n ON n.oid = t.typnamespace"
			+ " WHERE n.nspname = ? AND con.contype = 'c'" + notOfAnExtension("pg_type", "t.oid") + " ORDER BY 1, 2";

	/**
	 * Sequences but an identity's, with the column that owns one ({@code OWNED BY}, a serial's
	 * among them) and the last value each handed out (NULL when never used).
	 */
	private static final String SEQUENCES = "SELECT s.sequencename, s.start_value, s.increment_by, ot.relname, oa.attname,"
			+ " s.data_type::text, s.min_value, s.max_value, s.cache_size, s.cycle, s.last_value"
			+ " FROM pg_sequences s JOIN pg_namespace sn ON sn.nspname = s.schemaname"
			+ " JOIN pg_class sc ON sc.relname = s.sequencename AND sc.relnamespace = sn.oid"
			+ " LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = sc.oid"
			+ " AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a'"
			+ " LEFT JOIN pg_class ot ON ot.oid = d.refobjid"
			+ " LEFT JOIN pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid"
			+ " WHERE s.schemaname = ? AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_class'::regclass"
			+ " AND i.objid = sc.oid AND i.deptype = 'i')" + notOfAnExtension("pg_class", "sc.oid") + " ORDER BY 1";

	private static final String ENUMS = "SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)"
			+ " FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace"
			+ " WHERE n.nspname = ?" + notOfAnExtension("pg_type", "t.oid") + " GROUP BY t.typname ORDER BY 1";

	private static final String VIEWS = "SELECT c.relname, pg_get_viewdef(c.oid), coalesce(c.reloptions, '{}') FROM pg_class c"
			+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'v'"
			+ TABLE_NOT_OF_AN_EXTENSION + " ORDER BY 1";

	/**
	 * The columns each view's query reads, from the dependencies of its rewrite rule; a relation
	 * read as a whole ({@code count(*)}) as {@code relation.} alone.
	 */
	private static final String VIEW_READS = reads("v");

	/** The columns each materialized view's query reads, as {@link #VIEW_READS}. */
	private static final String MATERIALIZED_VIEW_READS = reads("m");

	private static String reads(String relkind) {
		return "SELECT DISTINCT v.relname, r.relname || '.' || coalesce(a.attname, '')"
			+ " FROM pg_class v JOIN pg_namespace n ON n.oid = v.relnamespace JOIN pg_rewrite rw ON rw.ev_class = v.oid"
			+ " JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid"
			+ " AND d.refclassid = 'pg_class'::regclass"
			+ " JOIN pg_class r ON r.oid = d.refobjid AND r.oid <> v.oid"
			+ " LEFT JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = d.refobjsubid AND d.refobjsubid > 0"
			+ " WHERE n.nspname = ? AND v.relkind = '" + relkind + "'" + notOfAnExtension("pg_class", "v.oid");
	}

	/**
	 * What a schema holds that autogenerate does not compare, extensions' own objects left out: each
	 * as its name, the statement that creates it (NULL where there is none to print: an aggregate, a
	 * foreign table) and the one that takes it away, names of the schema itself unqualified.
	 */
	private static final String NOT_COMPARED = "WITH s AS (SELECT ?::name AS nspname), q AS (SELECT quote_ident(nspname) || '.' AS prefix FROM s),"
			+ " o (name, up, down) AS ("
			+ " SELECT 'materialized view ' || c.relname, 'CREATE MATERIALIZED VIEW ' || quote_ident(c.relname) || ' AS'"
			+ " || chr(10) || rtrim(pg_get_viewdef(c.oid), ';'), 'DROP MATERIALIZED VIEW ' || quote_ident(c.relname) FROM pg_class c"
			+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = (SELECT nspname FROM s) AND c.relkind = 'm'"
			// An index of a materialized view is neither one of a table nor of what autogenerate compares.
			+ " UNION ALL SELECT 'index ' || ic.relname || ' on materialized view ' || c.relname, pg_get_indexdef(ic.oid),"
			+ " 'DROP INDEX ' || quote_ident(ic.relname) FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
			+ " JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE n.nspname = (SELECT nspname FROM s) AND c.relkind = 'm'"
			+ " UNION ALL SELECT CASE p.prokind WHEN 'p' THEN 'procedure ' ELSE 'function ' END || p.proname,"
			+ " CASE WHEN p.prokind IN ('f', 'p') THEN rtrim(pg_get_functiondef(p.oid), chr(10)) END,"
			+ " CASE p.prokind WHEN 'p' THEN 'DROP PROCEDURE ' WHEN 'a' THEN 'DROP AGGREGATE ' ELSE 'DROP FUNCTION ' END"
			+ " || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')'"
			+ " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = (SELECT nspname FROM s)"
			+ " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid"
			+ " AND d.deptype = 'e')"
			+ " UNION ALL SELECT 'trigger ' || t.tgname || ' on ' || c.relname, pg_get_triggerdef(t.oid),"
			+ " 'DROP TRIGGER ' || quote_ident(t.tgname) || ' ON ' || quote_ident(c.relname) FROM pg_trigger t"
			+ " JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE n.nspname = (SELECT nspname FROM s) AND NOT t.tgisinternal"
			+ " UNION ALL SELECT 'rule ' || r.rulename || ' on ' || c.relname, rtrim(pg_get_ruledef(r.oid), ';'),"
			+ " 'DROP RULE ' || quote_ident(r.rulename) || ' ON ' || quote_ident(c.relname) FROM pg_rewrite r"
			+ " JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE n.nspname = (SELECT nspname FROM s) AND r.rulename <> '_RETURN'"
			+ " UNION ALL SELECT 'statistics ' || st.stxname, pg_get_statisticsobjdef(st.oid), 'DROP STATISTICS '"
			+ " || quote_ident(st.stxname) FROM pg_statistic_ext st JOIN pg_namespace n ON n.oid = st.stxnamespace"
			+ " WHERE n.nspname = (SELECT nspname FROM s)"
			+ " UNION ALL SELECT 'foreign table ' || c.relname, NULL, 'DROP FOREIGN TABLE ' || quote_ident(c.relname)"
			+ " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = (SELECT nspname FROM s)"
			+ " AND c.relkind = 'f'"
			+ " UNION ALL SELECT 'extension ' || e.extname, 'CREATE EXTENSION IF NOT EXISTS ' || quote_ident(e.extname),"
			+ " 'DROP EXTENSION ' || quote_ident(e.extname) FROM pg_extension e"
			+ " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE n.nspname = (SELECT nspname FROM s)"
			// Options of a partition, which its CREATE TABLE … PARTITION OF would lose (a table's are compared).
			+ " UNION ALL SELECT 'unlogged table ' || c.relname, 'ALTER TABLE ' || quote_ident(c.relname) || ' SET UNLOGGED',"
			+ " 'ALTER TABLE ' || quote_ident(c.relname) || ' SET LOGGED' FROM pg_class c"
			+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = (SELECT nspname FROM s)"
			+ " AND c.relkind IN ('r', 'p') AND c.relpersistence = 'u' AND c.relispartition"
			+ " UNION ALL SELECT 'storage parameters of table ' || c.relname || ' (' || array_to_string(c.reloptions, ', ')"
			+ " || ')', 'ALTER TABLE ' || quote_ident(c.relname) || ' SET (' || array_to_string(c.reloptions, ', ') || ')',"
			+ " 'ALTER TABLE ' || quote_ident(c.relname) || ' RESET (' || array_to_string(ARRAY(SELECT split_part(o, '=', 1)"
			+ " FROM unnest(c.reloptions) o), ', ') || ')' FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE n.nspname = (SELECT nspname FROM s) AND c.relkind IN ('r', 'p') AND c.reloptions IS NOT NULL AND c.relispartition"
			+ " UNION ALL SELECT 'replica identity of table ' || c.relname || ' (' || CASE c.relreplident WHEN 'f' THEN 'full'"
			+ " WHEN 'n' THEN 'nothing' ELSE 'index' END || ')', 'ALTER TABLE ' || quote_ident(c.relname) || ' REPLICA IDENTITY '"
			+ " || CASE c.relreplident WHEN 'f' THEN 'FULL' WHEN 'n' THEN 'NOTHING' ELSE 'USING INDEX ' || coalesce((SELECT"
			+ " quote_ident(ic.relname) FROM pg_index ri JOIN pg_class ic ON ic.oid = ri.indexrelid WHERE ri.indrelid = c.oid"
			+ " AND ri.indisreplident), '') END, 'ALTER TABLE ' || quote_ident(c.relname) || ' REPLICA IDENTITY DEFAULT'"
			+ " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = (SELECT nspname FROM s)"
			+ " AND c.relkind IN ('r', 'p') AND c.relreplident <> 'd' AND c.relispartition"
			+ " UNION ALL SELECT 'inheritance of table ' || c.relname || ' from ' || p.relname, 'ALTER TABLE '"
			+ " || quote_ident(c.relname) || ' INHERIT ' || quote_ident(p.relname), 'ALTER TABLE ' || quote_ident(c.relname)"
			+ " || ' NO INHERIT ' || quote_ident(p.relname) FROM pg_inherits i"
			+ " JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent"
			+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = (SELECT nspname FROM s)"
			+ " AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
			// Hibernate writes implicit ones for the enum types it names (SqlTypes.NAMED_ENUM).
			+ " UNION ALL SELECT 'cast (' || format_type(ca.castsource, NULL) || ' as ' || format_type(ca.casttarget, NULL)"
			+ " || ')', 'CREATE CAST (' || format_type(ca.castsource, NULL) || ' AS ' || format_type(ca.casttarget, NULL) || ') '"
			+ " || CASE ca.castmethod WHEN 'i' THEN 'WITH INOUT' WHEN 'b' THEN 'WITHOUT FUNCTION' ELSE 'WITH FUNCTION '"
			+ " || ca.castfunc::regprocedure END || CASE ca.castcontext WHEN 'i' THEN ' AS IMPLICIT' WHEN 'a' THEN ' AS ASSIGNMENT'"
			+ " ELSE '' END, 'DROP CAST (' || format_type(ca.castsource, NULL) || ' AS ' || format_type(ca.casttarget, NULL) || ')'"
			+ " FROM pg_cast ca JOIN pg_type st ON st.oid = ca.castsource JOIN pg_type tt ON tt.oid = ca.casttarget"
			+ " WHERE (SELECT n.oid FROM pg_namespace n WHERE n.nspname = (SELECT nspname FROM s)) IN (st.typnamespace,"
			+ " tt.typnamespace) AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass AND d.objid = ca.oid"
			+ " AND d.deptype = 'e')"
			// Comments but a table's and its columns' (read with them): a view's, an index's and a constraint's, which
			// autogenerate compares from here (ObjectComments), a function's, a domain's, which it lists.
			+ " UNION ALL SELECT 'comment on ' || ob.type || ' ' || replace(ob.identity, (SELECT prefix FROM q), ''),"
			+ " 'COMMENT ON ' || CASE WHEN ob.type LIKE '% column' THEN 'COLUMN' WHEN ob.type = 'table constraint' THEN 'CONSTRAINT'"
			+ " WHEN ob.type = 'statistics object' THEN 'STATISTICS' ELSE upper(ob.type) END || ' ' || ob.identity || ' IS '"
			+ " || quote_literal(de.description), 'COMMENT ON ' || CASE WHEN ob.type LIKE '% column' THEN 'COLUMN'"
			+ " WHEN ob.type = 'table constraint' THEN 'CONSTRAINT' WHEN ob.type = 'statistics object' THEN 'STATISTICS'"
			+ " ELSE upper(ob.type) END || ' ' || ob.identity || ' IS NULL' FROM pg_description de"
			+ " CROSS JOIN LATERAL pg_identify_object(de.classoid, de.objoid, de.objsubid) ob"
			+ " WHERE ob.schema = (SELECT nspname FROM s) AND ob.type NOT IN ('table', 'table column')"
			+ " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = de.classoid AND d.objid = de.objoid AND d.deptype = 'e')"
			+ ") SELECT name, replace(up, (SELECT prefix FROM q), ''), replace(down, (SELECT prefix FROM q), '') FROM o"
			// In an order they can be created in: what the others use first.
			+ " ORDER BY CASE WHEN name LIKE 'extension %' THEN 0 WHEN name LIKE 'function %' OR name LIKE 'procedure %' THEN 1"
			+ " WHEN name LIKE 'materialized view %' THEN 2 WHEN name LIKE 'comment on %' THEN 4 ELSE 3 END, 1";

	/**
	 * The privileges granted on each view and materialized view of the schema but its owner's, each
	 * as its own row ({@code grant on view v: SELECT to app}, {@code grant on materialized view m:
	 * SELECT to app}, the {@code GRANT} statement): one autogenerate drops and creates again loses
	 * them, and the revision grants them again.
	 */
	private static final String VIEW_GRANTS = "SELECT 'grant on ' || CASE c.relkind WHEN 'm' THEN 'materialized view '"
			+ " ELSE 'view ' END || c.relname || ': ' || a.privilege_type || ' to '"
			+ " || CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END, 'GRANT ' || a.privilege_type"
			+ " || ' ON ' || quote_ident(c.relname) || ' TO ' || CASE a.grantee WHEN 0 THEN 'PUBLIC'"
			+ " ELSE quote_ident(pg_get_userbyid(a.grantee)) END || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END"
			+ " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN LATERAL aclexplode(c.relacl) a"
			+ " WHERE n.nspname = ? AND c.relkind IN ('v', 'm') AND a.grantee <> c.relowner ORDER BY 1";

	private SchemaReader() {
	}

	private static String notOfAnExtension(String catalog, String oid) {
		return " AND NOT EXISTS (SELECT 1 FROM pg_depend ext WHERE ext.classid = '" + catalog + "'::regclass"
				+ " AND ext.objid = " + oid + " AND ext.deptype = 'e')";
	}

	/**
	 * Reads a schema.
	 * @param connection the connection, with {@code schema} first on its search_path
	 * @param schema the schema to read
	 * @param leftOut tables that are not part of the model (Retort's version and history tables)
	 * @return the model
	 * @throws SQLException when the catalog cannot be read
	 */
	public static SchemaModel read(Connection connection, String schema, Set<String> leftOut) throws SQLException {
		Map<String, List<ColumnModel>> columns = new LinkedHashMap<>();
		Map<String, List<ConstraintModel>> constraints = new LinkedHashMap<>();
		Map<String, List<IndexModel>> indexes = new LinkedHashMap<>();
		Map<String, String> comments = new LinkedHashMap<>();
		Map<String, String> partitionKeys = new LinkedHashMap<>();
		Map<String, RowSecurity> rowSecurity = new LinkedHashMap<>();
		Map<String, TableOptions> options = new LinkedHashMap<>();
		for (Object[] row : query(connection, TABLES, schema, (rows) -> new Object[] { rows.getString(1),
				rows.getString(2), rows.getString(3), new RowSecurity(rows.getBoolean(4), rows.getBoolean(5), List.of()),
				new TableOptions(rows.getBoolean(6), List.of((String[]) rows.getArray(7).getArray()), rows.getString(8)) })) {
			String table = (String) row[0];
			if (!leftOut.contains(table)) {
				comments.put(table, (String) row[1]);
				partitionKeys.put(table, (String) row[2]);
				rowSecurity.put(table, (RowSecurity) row[3]);
				options.put(table, (TableOptions) row[4]);
				columns.put(table, new ArrayList<>());
				constraints.put(table, new ArrayList<>());
				indexes.put(table, new ArrayList<>());
			}
		}
		// The partitions' columns come from their parents; their settings are their own.
		Map<String, Map<String, ColumnSettings>> partitionSettings = new LinkedHashMap<>();
		for (Object[] row : query(connection, COLUMNS, schema, SchemaReader::columnRow)) {
			List<ColumnModel> list = columns.get((String) row[0]);
			ColumnModel column = (ColumnModel) row[1];
			if (list != null) {
				list.add(column);
			}
			else if (!leftOut.contains((String) row[0])) {
				partitionSettings.computeIfAbsent((String) row[0], (name) -> new LinkedHashMap<>())
					.put(column.name(), column.settings());
			}
		}
		for (String[] row : query(connection, CONSTRAINTS, schema,
				(rows) -> new String[] { rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4) })) {
			List<ConstraintModel> list = constraints.get(row[0]);
			if (list != null) {
				list.add(new ConstraintModel(row[1], row[2], row[3]));
			}
		}
		String qualifier = " ON " + quoteIdent(connection, schema) + ".";
		// A partitioned table's index prints as ON ONLY, which would leave its partitions without it.
		String onlyQualifier = " ON ONLY " + quoteIdent(connection, schema) + ".";
		for (String[] row : query(connection, INDEXES, schema,
				(rows) -> new String[] { rows.getString(1), rows.getString(2), rows.getString(3) })) {
			List<IndexModel> list = indexes.get(row[0]);
			if (list != null) {
				// pg_get_indexdef names the table with its schema whatever the search_path.
				list.add(new IndexModel(row[1], row[2].replace(onlyQualifier, " ON ").replace(qualifier, " ON ")));
			}
		}
		Map<String, List<PolicyModel>> policies = new LinkedHashMap<>();
		for (Object[] row : query(connection, POLICIES, schema, (rows) -> new Object[] { rows.getString(1),
				new PolicyModel(rows.getString(2), rows.getString(3), rows.getBoolean(4),
						List.of((String[]) rows.getArray(5).getArray()), rows.getString(6), rows.getString(7),
						Set.of((String[]) rows.getArray(8).getArray())) })) {
			policies.computeIfAbsent((String) row[0], (table) -> new ArrayList<>()).add((PolicyModel) row[1]);
		}
		Map<String, TableModel> tables = new LinkedHashMap<>();
		for (String table : columns.keySet()) {
			tables.put(table, new TableModel(table, columns.get(table), constraints.get(table), indexes.get(table),
					comments.get(table), partitionKeys.get(table),
					rowSecurity.get(table).withPolicies(policies.getOrDefault(table, List.of())), options.get(table)));
		}
		Map<String, SequenceModel> sequences = new LinkedHashMap<>();
		for (SequenceModel sequence : query(connection, SEQUENCES, schema, (rows) -> new SequenceModel(rows.getString(1),
				rows.getString(6), IdentitySequence.of(rows.getString(6), rows.getLong(2), rows.getLong(3), rows.getLong(7),
						rows.getLong(8), rows.getLong(9), rows.getBoolean(10)),
				rows.getString(4), rows.getString(5), rows.getObject(11, Long.class)))) {
			if (!sequence.isOwned() || !leftOut.contains(sequence.ownerTable())) {
				sequences.put(sequence.name(), sequence);
			}
		}
		Map<String, EnumModel> enums = new LinkedHashMap<>();
		for (EnumModel type : query(connection, ENUMS, schema,
				(rows) -> new EnumModel(rows.getString(1), List.of((String[]) rows.getArray(2).getArray())))) {
			enums.put(type.name(), type);
		}
		Map<String, Set<String>> reads = columnsRead(connection, VIEW_READS, schema);
		Map<String, ViewModel> views = new LinkedHashMap<>();
		for (ViewModel view : query(connection, VIEWS, schema, (rows) -> new ViewModel(rows.getString(1),
				rows.getString(2).strip(), reads.getOrDefault(rows.getString(1), Set.of()),
				List.of((String[]) rows.getArray(3).getArray())))) {
			views.put(view.name(), view);
		}
		Map<String, PartitionModel> partitions = new LinkedHashMap<>();
		for (PartitionModel partition : query(connection, PARTITIONS, schema, (rows) -> new PartitionModel(
				rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
				partitionSettings.getOrDefault(rows.getString(1), Map.of())))) {
			partitions.put(partition.name(), partition);
		}
		Map<String, List<ConstraintModel>> domainConstraints = new LinkedHashMap<>();
		for (String[] row : query(connection, DOMAIN_CONSTRAINTS, schema,
				(rows) -> new String[] { rows.getString(1), rows.getString(2), rows.getString(3) })) {
			domainConstraints.computeIfAbsent(row[0], (name) -> new ArrayList<>()).add(new ConstraintModel(row[1], "c", row[2]));
		}
		Map<String, DomainModel> domains = new LinkedHashMap<>();
		for (DomainModel domain : query(connection, DOMAINS, schema, (rows) -> new DomainModel(rows.getString(1),
				rows.getString(2), rows.getBoolean(3), rows.getString(4),
				domainConstraints.getOrDefault(rows.getString(1), List.of())))) {
			domains.put(domain.name(), domain);
		}
		Map<String, CompositeTypeModel> compositeTypes = new LinkedHashMap<>();
		for (CompositeTypeModel type : query(connection, COMPOSITE_TYPES, schema, (rows) -> new CompositeTypeModel(
				rows.getString(1), List.of((String[]) rows.getArray(2).getArray())))) {
			compositeTypes.put(type.name(), type);
		}
		return new SchemaModel(tables, views, sequences, enums, partitions, domains, compositeTypes);
	}

	/**
	 * What a schema holds that {@link #read} leaves out and autogenerate does not compare:
	 * materialized views and their indexes, functions, procedures, triggers, rules, statistics,
	 * extensions, comments but a table's and its columns'.
	 * @param connection the connection
	 * @param schema the schema to read
	 * @return each with the statements that create it and take it away ({@code trigger audit on orders}), in order
	 * @throws SQLException when the catalog cannot be read
	 */
	public static List<LeftOut> notCompared(Connection connection, String schema) throws SQLException {
		return query(connection, NOT_COMPARED, schema, (rows) -> new LeftOut(rows.getString(1), rows.getString(2),
				rows.getString(3)));
	}

	/**
	 * The columns each materialized view of the schema reads ({@code rooms.owner}; {@code rooms.} for
	 * a table read as a whole), which autogenerate does not compare but drops and creates again around
	 * a change to them.
	 * @param connection the connection
	 * @param schema the schema to read
	 * @return the columns read, by materialized view
	 * @throws SQLException when the catalog cannot be read
	 */
	public static Map<String, Set<String>> materializedViewReads(Connection connection, String schema)
			throws SQLException {
		return columnsRead(connection, MATERIALIZED_VIEW_READS, schema);
	}

	/** The columns each view of one kind reads, by view: the rows of {@link #reads}' query folded. */
	private static Map<String, Set<String>> columnsRead(Connection connection, String readsQuery, String schema)
			throws SQLException {
		Map<String, Set<String>> reads = new LinkedHashMap<>();
		for (String[] row : query(connection, readsQuery, schema,
				(rows) -> new String[] { rows.getString(1), rows.getString(2) })) {
			reads.computeIfAbsent(row[0], (name) -> new HashSet<>()).add(row[1]);
		}
		return reads;
	}

	/**
	 * The privileges granted on the schema's views and materialized views but to their owners, each
	 * with the {@code GRANT} that gives it again ({@code grant on view v: SELECT to app}, {@code grant
	 * on materialized view m: SELECT to app}).
	 * @param connection the connection
	 * @param schema the schema to read
	 * @return each privilege, in order
	 * @throws SQLException when the catalog cannot be read
	 */
	public static List<LeftOut> viewGrants(Connection connection, String schema) throws SQLException {
		return query(connection, VIEW_GRANTS, schema, (rows) -> new LeftOut(rows.getString(1), rows.getString(2), null));
	}

	private static Object[] columnRow(ResultSet rows) throws SQLException {
		String generated = rows.getString(7);
		long start = rows.getLong(9);
		IdentitySequence identitySequence = rows.wasNull() ? null : IdentitySequence.of(rows.getString(15), start,
				rows.getLong(10), rows.getLong(11), rows.getLong(12), rows.getLong(13), rows.getBoolean(14));
		String collation = rows.getString(16);
		// 's' stored, 'v' virtual (PostgreSQL 18), whose expression pg_attrdef holds as a stored one's.
		return new Object[] { rows.getString(1), new ColumnModel(rows.getString(2), rows.getString(3),
				rows.getBoolean(4), rows.getString(5), rows.getString(6), !generated.isEmpty(), rows.getString(8),
				identitySequence, collation, "v".equals(generated), rows.getString(17),
				new ColumnSettings(rows.getInt(18), List.of((String[]) rows.getArray(19).getArray()), storage(rows.getString(20)),
						storage(rows.getString(21)), compression(rows.getString(22)))) };
	}

	/** A storage as {@code SET STORAGE} names it. */
	private static String storage(String code) {
		return switch (code) {
			case "p" -> "PLAIN";
			case "e" -> "EXTERNAL";
			case "m" -> "MAIN";
			default -> "EXTENDED";
		};
	}

	/** A compression method as {@code SET COMPRESSION} names it, {@code null} for the default. */
	private static String compression(String code) {
		return (code == null) ? null : switch (code) {
			case "p" -> "pglz";
			case "l" -> "lz4";
			default -> code;
		};
	}

	private static String quoteIdent(Connection connection, String name) throws SQLException {
		return query(connection, "SELECT quote_ident(?)", name, (rows) -> rows.getString(1)).get(0);
	}

	private interface Row<T> {

		T map(ResultSet rows) throws SQLException;

	}

	private static <T> List<T> query(Connection connection, String sql, String parameter, Row<T> row)
			throws SQLException {
		List<T> result = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, parameter);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					result.add(row.map(rows));
				}
			}
		}
		return result;
	}

}
