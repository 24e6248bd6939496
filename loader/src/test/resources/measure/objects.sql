-- Columns, indexes, foreign keys, triggers, routines, events and views of the database named by @db, one row each:
-- kind, name, attributes, MD5 of the normalized definition, normalized definition (tab-separated, mariadb -N -B).
-- Normalized: the qualifier `<@db>`. is removed and every run of white space becomes one space (mydumper rewrites
-- inner ";\n" as "; \n", and a load into another database name must not differ by the name).
-- DEFINER and per-object sql_mode are left out: mydumper keeps the definer and writes one sql_mode for all.
-- Routine and event bodies come from mysql.proc and mysql.event (utf8mb4); trigger and view definitions from
-- information_schema, whose utf8mb3 columns show a character outside the BMP as '?'.
SET @q = CONCAT('`', @db, '`.');
SELECT kind, name, attributes, MD5(def), def FROM (SELECT kind, name, attributes,
       TRIM(REGEXP_REPLACE(REPLACE(raw, @q, ''), '[[:space:]]+', ' ')) AS def FROM (
  SELECT 'COLUMN' AS kind, CONCAT(TABLE_NAME, '.', COLUMN_NAME) AS name,
         CONCAT_WS(' ', CONCAT('pos=', ORDINAL_POSITION), CONCAT('type=', COLUMN_TYPE), CONCAT('null=', IS_NULLABLE),
                   CONCAT('default=', IFNULL(COLUMN_DEFAULT, '<none>')), CONCAT('charset=', IFNULL(CHARACTER_SET_NAME, '-')),
                   CONCAT('collation=', IFNULL(COLLATION_NAME, '-')), CONCAT('extra=', EXTRA), CONCAT('key=', COLUMN_KEY)) AS attributes,
         IFNULL(GENERATION_EXPRESSION, '') AS raw
  FROM information_schema.COLUMNS c
  WHERE TABLE_SCHEMA = @db AND EXISTS (SELECT 1 FROM information_schema.TABLES t
        WHERE t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME AND t.TABLE_TYPE = 'BASE TABLE')
  UNION ALL
  SELECT 'INDEX', CONCAT(TABLE_NAME, '.', INDEX_NAME),
         CONCAT('unique=', 1 - MAX(NON_UNIQUE), ' type=', MAX(INDEX_TYPE), ' columns=(',
                GROUP_CONCAT(CONCAT(COLUMN_NAME, IFNULL(CONCAT('(', SUB_PART, ')'), '')) ORDER BY SEQ_IN_INDEX SEPARATOR ','), ')'),
         ''
  FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = @db GROUP BY TABLE_NAME, INDEX_NAME
  UNION ALL
  SELECT 'FOREIGN_KEY', CONCAT(r.TABLE_NAME, '.', r.CONSTRAINT_NAME),
         CONCAT('columns=(', GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ','), ') references=',
                r.REFERENCED_TABLE_NAME, '(', GROUP_CONCAT(k.REFERENCED_COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ','),
                ') on_update=', r.UPDATE_RULE, ' on_delete=', r.DELETE_RULE),
         ''
  FROM information_schema.REFERENTIAL_CONSTRAINTS r
  JOIN information_schema.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = r.CONSTRAINT_SCHEMA
       AND k.CONSTRAINT_NAME = r.CONSTRAINT_NAME AND k.TABLE_NAME = r.TABLE_NAME
  WHERE r.CONSTRAINT_SCHEMA = @db GROUP BY r.TABLE_NAME, r.CONSTRAINT_NAME, r.REFERENCED_TABLE_NAME, r.UPDATE_RULE, r.DELETE_RULE
  UNION ALL
  SELECT 'TRIGGER', TRIGGER_NAME,
         CONCAT('table=', EVENT_OBJECT_TABLE, ' timing=', ACTION_TIMING, ' event=', EVENT_MANIPULATION, ' order=', ACTION_ORDER),
         ACTION_STATEMENT
  FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = @db
  UNION ALL
  SELECT ROUTINE_TYPE, ROUTINE_NAME,
         CONCAT('params=(', IFNULL((SELECT GROUP_CONCAT(CONCAT_WS(' ', p.PARAMETER_MODE, p.PARAMETER_NAME, p.DTD_IDENTIFIER)
                                           ORDER BY p.ORDINAL_POSITION SEPARATOR ', ')
                                    FROM information_schema.PARAMETERS p
                                    WHERE p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA AND p.SPECIFIC_NAME = r.SPECIFIC_NAME
                                      AND p.ROUTINE_TYPE = r.ROUTINE_TYPE AND p.ORDINAL_POSITION > 0), ''), ')',
                ' returns=', IFNULL(DTD_IDENTIFIER, '-'), ' deterministic=', IS_DETERMINISTIC, ' access=', SQL_DATA_ACCESS,
                ' security=', SECURITY_TYPE, ' comment=', ROUTINE_COMMENT),
         (SELECT CONVERT(pr.body USING utf8mb4) FROM mysql.proc pr
          WHERE pr.db = r.ROUTINE_SCHEMA AND pr.name = r.ROUTINE_NAME AND pr.type = r.ROUTINE_TYPE)
  FROM information_schema.ROUTINES r WHERE ROUTINE_SCHEMA = @db
  UNION ALL
  SELECT 'EVENT', EVENT_NAME,
         CONCAT('type=', EVENT_TYPE, ' at=', IFNULL(EXECUTE_AT, '-'), ' every=', IFNULL(CONCAT(INTERVAL_VALUE, ' ', INTERVAL_FIELD), '-'),
                ' starts=', IFNULL(STARTS, '-'), ' ends=', IFNULL(ENDS, '-'), ' status=', STATUS,
                ' on_completion=', ON_COMPLETION, ' comment=', EVENT_COMMENT),
         (SELECT CONVERT(ev.body USING utf8mb4) FROM mysql.event ev WHERE ev.db = e.EVENT_SCHEMA AND ev.name = e.EVENT_NAME)
  FROM information_schema.EVENTS e WHERE EVENT_SCHEMA = @db
  UNION ALL
  SELECT 'VIEW', TABLE_NAME,
         CONCAT('algorithm=', ALGORITHM, ' security=', SECURITY_TYPE, ' check_option=', CHECK_OPTION, ' updatable=', IS_UPDATABLE),
         VIEW_DEFINITION
  FROM information_schema.VIEWS WHERE TABLE_SCHEMA = @db
) o0) o1
ORDER BY BINARY kind, BINARY name;
