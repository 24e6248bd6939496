-- Source schema of the v1.0-chunked-filesize-zstd fixture: one table whose INSERT text passes 1 MB, so that
-- mydumper's --chunk-filesize 1 rotates inside a chunk and writes t.00000.00001.sql.zst sub-part files.
-- The rows repeat a lot, so the compressed files stay a few KB each.
-- Run into an empty database:  mariadb -h127.0.0.1 -uroot <db> < source-schema-big.sql
SET SESSION max_recursive_iterations = 100000;
CREATE TABLE wide (
  id INT NOT NULL PRIMARY KEY,
  pad VARCHAR(300) NOT NULL,
  n INT,
  KEY idx_n (n)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO wide
  WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 12000)
  SELECT n, REPEAT('x', 200), IF(n % 100 = 0, NULL, n % 13) FROM seq;
