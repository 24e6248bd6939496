-- Source schema of the mydumper fixtures (all cases except *-escaped-names).
-- Run into an empty database:  mariadb -h127.0.0.1 -uroot <db> < source-schema.sql
-- Every statement is session-scoped; no global variable is touched.
SET NAMES utf8mb4;
SET SESSION time_zone = '+00:00';

-- Integers of every width, signed and unsigned; id 0 in an AUTO_INCREMENT column (NO_AUTO_VALUE_ON_ZERO matters).
CREATE TABLE ints (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ti TINYINT, tu TINYINT UNSIGNED,
  si SMALLINT, su SMALLINT UNSIGNED,
  mi MEDIUMINT, mu MEDIUMINT UNSIGNED,
  ii INT, iu INT UNSIGNED,
  bi BIGINT, bu BIGINT UNSIGNED,
  b1 BOOLEAN
) ENGINE=InnoDB;
SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO');
INSERT INTO ints VALUES
  (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
  (1, -128, 255, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615, 1),
  (2, 127, 0, 32767, 0, 8388607, 0, 2147483647, 0, 9223372036854775807, 0, 0),
  (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (4, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, 1);
SET SESSION sql_mode = REPLACE(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO', '');

-- Exact and approximate numbers, bits. FLOAT values have at most 6 significant digits: MariaDB prints a FLOAT with 6
-- significant digits, so a text dump of e.g. 3.4028234e38 reloads as another float and no loader could match the
-- source CHECKSUM TABLE. DOUBLE prints in full (17 digits) and round-trips.
CREATE TABLE nums (
  id INT NOT NULL PRIMARY KEY,
  d65 DECIMAL(65,30), d10 DECIMAL(10,2) UNSIGNED, d0 DECIMAL(5,0),
  f FLOAT, fu FLOAT UNSIGNED, dbl DOUBLE,
  bit1 BIT(1), bit13 BIT(13), bit64 BIT(64)
) ENGINE=InnoDB;
INSERT INTO nums VALUES
  (1, 12345678901234567890123456789012345.123456789012345678901234567890, 99999999.99, -99999,
      3.40282e38, 1.17549e-38, 1.7976931348623157e308, b'1', b'1010101010101', b'1111111111111111111111111111111111111111111111111111111111111111'),
  (2, -0.000000000000000000000000000001, 0.00, 0, -1.5, 0, -2.2250738585072014e-308, b'0', b'0', b'0'),
  (3, 0.1, 0.10, 1, 0.1, 0.3, 0.1, b'1', b'1000000000000', b'1000000000000000000000000000000000000000000000000000000000000000'),
  (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (5, 3.14159265358979323846264338327950288419716939937510, 1.23, 42, 3.14159, 2.71828, 3.141592653589793, b'0', b'0000000001010', x'0A0D1A5C27220009');

-- Temporal types, fractional seconds, zero dates (inserted with an empty sql_mode).
CREATE TABLE times (
  id INT NOT NULL PRIMARY KEY,
  d DATE, t TIME(6), dt DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL, y YEAR,
  t0 TIME, dt0 DATETIME
) ENGINE=InnoDB;
INSERT INTO times VALUES
  (1, '2024-02-29', '838:59:59.000000', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999', 2155, '-838:59:59', '1000-01-01 00:00:00'),
  (2, '1000-01-01', '-12:34:56.789012', '1970-01-01 00:00:01.000001', '1970-01-01 00:00:01.000000', 1901, '00:00:00', '2024-06-30 12:00:00'),
  (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
SET @keep_mode = @@sql_mode;
SET SESSION sql_mode = '';
INSERT INTO times VALUES
  (4, '0000-00-00', '00:00:00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', 0000, '00:00:00', '0000-00-00 00:00:00'),
  (5, '2024-00-00', '00:00:00.5', '2024-01-00 00:00:00', NULL, 0, '00:00:01', '0000-01-01 00:00:00');
SET SESSION sql_mode = @keep_mode;

-- Character data: 4-byte UTF-8, quotes, backslashes, control characters, literal 'NULL' and '\N' text.
CREATE TABLE strings (
  id INT NOT NULL PRIMARY KEY,
  c CHAR(10) CHARACTER SET utf8mb4,
  vc VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
  tx TEXT CHARACTER SET utf8mb4,
  lt VARCHAR(40) CHARACTER SET latin1,
  note TINYTEXT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO strings VALUES
  (1, 'plain', 'hello, world', 'line one\nline two\r\nline three', 'café', 'ascii'),
  (2, '😀', '𝄞 music 😀 emoji 🇩🇪 flag', CONCAT('4-byte: ', _utf8mb4 0xF09F9880, ' ', _utf8mb4 0xF0A0808B), 'ÅÄÖ', 'utf8mb4'),
  (3, 'q''uote', 'single '' double " back ` mixed ''"`', 'He said "it''s" done', 'o''brien', 'quotes'),
  (4, 'bk\\sl', 'C:\\path\\to\\file \\n is not a newline \\', '\\\\server\\share', 'a\\b', 'backslashes'),
  (5, 'tab\there', 'nul[\0]ctrlz[\Z]bell[\a]esc[\e]', CONCAT('cr', CHAR(13), 'lf', CHAR(10), 'crlf', CHAR(13,10), 'tab', CHAR(9), 'end'), 'x\ty', 'controls'),
  (6, 'NULL', '\\N', 'NULL', 'null', 'null-looking text'),
  (7, '', '', '', '', 'empty strings'),
  (8, NULL, NULL, NULL, NULL, 'all NULL'),
  (9, 'semi;', 'a;b;c; END; $$ // ;;', 'INSERT INTO x VALUES (1);\nDROP TABLE y;', ';', 'statement-looking text'),
  (10, '/*c*/', '-- not a comment\n# nor this\n/* nor */ /*!50001 nor this */', 'DELIMITER $$', '#', 'comment-looking text');

-- Binary data: one row per byte 0..255 and one row holding every byte in order.
CREATE TABLE bins (
  id INT NOT NULL PRIMARY KEY,
  b1 BINARY(1), bn BINARY(4), vb VARBINARY(300), bl BLOB, tb TINYBLOB, lb LONGBLOB
) ENGINE=InnoDB;
INSERT INTO bins (id, b1, bn, vb, bl, tb, lb)
  WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < 255)
  SELECT n, CHAR(n USING binary), CONCAT(CHAR(n USING binary), 'x'), CONCAT('a', CHAR(n USING binary), 'b'),
         CHAR(n USING binary), CHAR(255 - n USING binary), REPEAT(CHAR(n USING binary), 3)
  FROM seq;
INSERT INTO bins (id, vb, bl, tb, lb)
  SELECT 1000, all_bytes, all_bytes, all_bytes, REVERSE(all_bytes)
  FROM (SELECT GROUP_CONCAT(CHAR(n USING binary) ORDER BY n SEPARATOR '') AS all_bytes
        FROM (WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < 255) SELECT n FROM seq) s) a;
INSERT INTO bins VALUES (1001, NULL, NULL, NULL, NULL, NULL, NULL), (1002, x'00', x'00000000', '', '', '', '');

-- ENUM, SET, JSON, spatial, a generated column, a table without a primary key.
CREATE TABLE misc (
  id INT NOT NULL PRIMARY KEY,
  e ENUM('small', 'medium', 'large', 'it''s', 'semi;colon'),
  s SET('red', 'green', 'blue', 'with space'),
  j JSON,
  g GEOMETRY,
  p POINT,
  len_vc INT AS (CHAR_LENGTH(JSON_UNQUOTE(JSON_EXTRACT(j, '$.name')))) VIRTUAL,
  j_sum INT AS (JSON_EXTRACT(j, '$.n') + 1) PERSISTENT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO misc (id, e, s, j, g, p) VALUES
  (1, 'small', 'red,blue', '{"name": "ölf 😀", "n": 1, "arr": [1, 2.5, "x\\"y", null, true]}', ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 10,0 0))'), POINT(1.5, -2.25)),
  (2, 'it''s', '', '{"name": "a\\nb", "n": -7, "nested": {"k": "v;w"}}', ST_GeomFromText('LINESTRING(0 0,1 1,2 0)'), POINT(0, 0)),
  (3, 'semi;colon', 'red,green,blue,with space', '[]', ST_GeomFromText('MULTIPOINT(1 1,2 2)'), NULL),
  (4, NULL, NULL, NULL, NULL, NULL),
  (5, 'large', 'green', '"just a string"', ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1))'), POINT(-180, 90));
SET SESSION sql_mode = '';
INSERT INTO misc (id, e, s, j) VALUES (6, 'not a member', 'red', '{}'); -- stored as the empty ENUM value (index 0)
SET SESSION sql_mode = @keep_mode;

CREATE TABLE nopk (
  a INT, b VARCHAR(20), KEY (a)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO nopk VALUES (1, 'one'), (1, 'one'), (2, NULL), (NULL, 'null key');

CREATE TABLE empty_table (
  id INT NOT NULL PRIMARY KEY, v VARCHAR(10)
) ENGINE=InnoDB;

CREATE TABLE myisam_table (
  id INT NOT NULL PRIMARY KEY, v VARCHAR(10)
) ENGINE=MyISAM;
INSERT INTO myisam_table VALUES (1, 'm1'), (2, 'm2');

-- Parent/child with a composite key, a secondary index and a foreign key; an audit table fed by triggers.
CREATE TABLE parent (
  region CHAR(2) NOT NULL,
  id INT NOT NULL,
  name VARCHAR(50) NOT NULL,
  total DECIMAL(12,2) NOT NULL DEFAULT 0,
  PRIMARY KEY (region, id),
  UNIQUE KEY uk_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE child (
  id INT NOT NULL AUTO_INCREMENT,
  region CHAR(2) NOT NULL,
  parent_id INT NOT NULL,
  amount DECIMAL(10,2) NOT NULL,
  created DATETIME NOT NULL DEFAULT '2024-01-01 00:00:00',
  PRIMARY KEY (id),
  KEY idx_parent_created (region, parent_id, created),
  CONSTRAINT fk_child_parent FOREIGN KEY (region, parent_id) REFERENCES parent (region, id)
    ON DELETE CASCADE ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE audit (
  seq INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tbl VARCHAR(20) NOT NULL,
  action VARCHAR(40) NOT NULL,
  detail VARCHAR(200)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

DELIMITER ;;
CREATE TRIGGER child_bi BEFORE INSERT ON child FOR EACH ROW
BEGIN
  IF NEW.amount < 0 THEN
    SET NEW.amount = 0;
  END IF;
  SET NEW.created = IFNULL(NEW.created, '2024-01-01 00:00:00');
END;;
CREATE TRIGGER child_ai AFTER INSERT ON child FOR EACH ROW
BEGIN
  UPDATE parent SET total = total + NEW.amount WHERE region = NEW.region AND id = NEW.parent_id;
  INSERT INTO audit (tbl, action, detail) VALUES ('child', 'insert; first', CONCAT('id=', NEW.id, '; amount=', NEW.amount));
END;;
CREATE TRIGGER child_ai_second AFTER INSERT ON child FOR EACH ROW FOLLOWS child_ai
BEGIN
  INSERT INTO audit (tbl, action, detail) VALUES ('child', 'insert; second', 'BEGIN ... END; in a string');
END;;
CREATE TRIGGER child_bu BEFORE UPDATE ON child FOR EACH ROW
BEGIN
  DECLARE delta DECIMAL(10,2);
  SET delta = NEW.amount - OLD.amount;
  IF delta <> 0 THEN
    UPDATE parent SET total = total + delta WHERE region = NEW.region AND id = NEW.parent_id;
  END IF;
END;;
CREATE TRIGGER parent_ad AFTER DELETE ON parent FOR EACH ROW
BEGIN
  INSERT INTO audit (tbl, action, detail) VALUES ('parent', 'delete', CONCAT(OLD.region, '/', OLD.id, ' "', OLD.name, '"'));
END;;
CREATE TRIGGER parent_bi BEFORE INSERT ON parent FOR EACH ROW SET NEW.name = TRIM(NEW.name);;

CREATE PROCEDURE add_child(IN p_region CHAR(2), IN p_parent INT, IN p_amount DECIMAL(10,2), OUT p_id INT)
  MODIFIES SQL DATA
  COMMENT 'adds a child row; returns its id'
BEGIN
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET p_id = -1;
  END;
  INSERT INTO child (region, parent_id, amount) VALUES (p_region, p_parent, p_amount);
  SET p_id = LAST_INSERT_ID();
END;;
CREATE PROCEDURE fill_numbers(IN n INT)
BEGIN
  DECLARE i INT DEFAULT 0;
  DROP TEMPORARY TABLE IF EXISTS tmp_numbers;
  CREATE TEMPORARY TABLE tmp_numbers (v INT);
  WHILE i < n DO
    INSERT INTO tmp_numbers VALUES (i);
    SET i = i + 1;
  END WHILE;
  SELECT 'done; $$ // END' AS msg, COUNT(*) AS c FROM tmp_numbers;
END;;
CREATE FUNCTION region_total(p_region CHAR(2)) RETURNS DECIMAL(14,2)
  READS SQL DATA
  DETERMINISTIC
BEGIN
  DECLARE s DECIMAL(14,2);
  SELECT SUM(total) INTO s FROM parent WHERE region = p_region;
  RETURN IFNULL(s, 0);
END;;
CREATE FUNCTION greet(who VARCHAR(20)) RETURNS VARCHAR(60) CHARSET utf8mb4 DETERMINISTIC NO SQL
  RETURN CONCAT('hello; ', who, ' 😀');;

CREATE EVENT ev_daily_cleanup ON SCHEDULE EVERY 1 DAY STARTS '2037-01-01 00:00:00' ON COMPLETION PRESERVE DISABLE
  COMMENT 'never runs: disabled'
DO BEGIN
  DELETE FROM audit WHERE seq < 0;
  INSERT INTO audit (tbl, action, detail) VALUES ('event', 'cleanup; done', NULL);
END;;
CREATE EVENT ev_once ON SCHEDULE AT '2037-06-01 12:00:00' ON COMPLETION PRESERVE DISABLE
DO UPDATE parent SET total = total WHERE 1 = 0;;
DELIMITER ;

INSERT INTO parent (region, id, name) VALUES
  ('EU', 1, '  Alpha  '), ('EU', 2, 'Beta "quoted"'), ('US', 1, 'Gamma; semi'), ('US', 2, 'Delta ünïcödé'), ('AP', 7, 'Epsilon');
INSERT INTO child (region, parent_id, amount, created) VALUES
  ('EU', 1, 10.50, '2024-03-01 10:00:00'), ('EU', 1, -3.00, '2024-03-02 11:00:00'), ('EU', 2, 99.99, '2024-03-03 12:00:00'),
  ('US', 1, 1.00, '2024-04-01 00:00:00'), ('US', 2, 2.00, '2024-04-02 00:00:00'), ('AP', 7, 7.77, '2024-05-05 05:05:05');
UPDATE child SET amount = amount + 1 WHERE id = 4;
DELETE FROM parent WHERE region = 'AP';

-- Views: one over tables, one over that view, one with options.
CREATE VIEW v_parent_totals AS
  SELECT p.region, p.id, p.name, p.total, COUNT(c.id) AS children
  FROM parent p LEFT JOIN child c ON c.region = p.region AND c.parent_id = p.id
  GROUP BY p.region, p.id, p.name, p.total;
CREATE VIEW v_top_regions AS
  SELECT region, SUM(total) AS region_total, SUM(children) AS children
  FROM v_parent_totals GROUP BY region HAVING SUM(total) > 0;
CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW v_eu_children AS
  SELECT id, parent_id, amount FROM child WHERE region = 'EU' WITH CHECK OPTION;

-- A table big enough to be split into several chunks (--rows).
CREATE TABLE many_rows (
  id INT NOT NULL PRIMARY KEY,
  k INT NOT NULL,
  label VARCHAR(20) NOT NULL,
  KEY idx_k (k)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
SET SESSION max_recursive_iterations = 10000;
INSERT INTO many_rows
  WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 2000)
  SELECT n, (n * 7919) % 1000, CONCAT('row-', n, IF(n % 97 = 0, ' ''q''', '')) FROM seq;
