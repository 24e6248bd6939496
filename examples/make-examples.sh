#!/usr/bin/env bash
# Rebuilds the bundled example dumps from a scratch database on a local MariaDB (127.0.0.1:3306, root).
# The outputs are committed; run this only to change them.
set -euo pipefail
cd "$(dirname "$0")"
M="mariadb -h127.0.0.1 -uroot --default-character-set=utf8mb4"
DB=pl_examples_$$
trap '$M -e "DROP DATABASE IF EXISTS $DB"' EXIT

# shop: a small realistic schema with every common column type, a view and a trigger
$M -e "CREATE DATABASE $DB"
$M "$DB" <<'SQL'
CREATE TABLE customers (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(190) NOT NULL UNIQUE,
  name VARCHAR(100) NOT NULL,
  country CHAR(2),
  created_at DATETIME(3) NOT NULL,
  vip BIT(1) NOT NULL DEFAULT b'0',
  notes TEXT
) DEFAULT CHARSET=utf8mb4;
CREATE TABLE products (
  sku VARCHAR(32) PRIMARY KEY,
  title VARCHAR(200) NOT NULL,
  price DECIMAL(10,2) NOT NULL,
  attrs JSON,
  thumbnail MEDIUMBLOB
) DEFAULT CHARSET=utf8mb4;
CREATE TABLE orders (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  customer_id INT UNSIGNED NOT NULL,
  sku VARCHAR(32) NOT NULL,
  qty SMALLINT NOT NULL,
  total DECIMAL(12,2) NOT NULL,
  ordered_on DATE NOT NULL,
  KEY (customer_id)
) DEFAULT CHARSET=utf8mb4;
CREATE TABLE order_audit (id BIGINT AUTO_INCREMENT PRIMARY KEY, order_id BIGINT, at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP);
INSERT INTO customers (email, name, country, created_at, vip, notes)
  SELECT CONCAT('user', seq, '@example.com'),
         ELT(1 + seq % 5, 'Zoë Müller', 'José O''Brien', '山田 太郎', 'Back\\slash "Quote"', 'Ann'),
         ELT(1 + seq % 4, 'DE', 'US', 'JP', NULL), TIMESTAMP('2024-01-01') + INTERVAL seq MINUTE,
         seq % 7 = 0, IF(seq % 3 = 0, NULL, IF(seq % 3 = 1, '', CONCAT('line1\nline2\ttab ', seq, ' 😀')))
  FROM seq_1_to_2000;
INSERT INTO products
  SELECT CONCAT('SKU-', LPAD(seq, 5, '0')), CONCAT('Product ', seq), seq * 1.25,
         JSON_OBJECT('color', ELT(1 + seq % 3, 'red', 'green', 'blue'), 'size', seq % 10),
         IF(seq % 4 = 0, NULL, UNHEX(REPEAT(SHA2(seq, 256), 40 + seq % 50)))
  FROM seq_1_to_300;
INSERT INTO orders (customer_id, sku, qty, total, ordered_on)
  SELECT 1 + seq % 2000, CONCAT('SKU-', LPAD(1 + seq % 300, 5, '0')), 1 + seq % 5, (1 + seq % 5) * 1.25 * (1 + seq % 300),
         DATE('2024-01-01') + INTERVAL seq % 365 DAY
  FROM seq_1_to_10000;
CREATE VIEW customer_totals AS SELECT customer_id, SUM(total) AS spent FROM orders GROUP BY customer_id;
CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW INSERT INTO order_audit (order_id) VALUES (NEW.id);
SQL
mariadb-dump -h127.0.0.1 -uroot --triggers --skip-dump-date "$DB" | sed "s/$DB/shop/g" | gzip -9n > shop.sql.gz

# big-rows: rows whose INSERT is larger than a 16 MiB max_allowed_packet once hex-encoded (9 MiB blobs, --hex-blob),
# although each value fits: `mariadb < big-rows.sql` fails on such a server, packload loads it with chunked appends
$M -e "DROP DATABASE $DB; CREATE DATABASE $DB"
$M "$DB" <<'SQL'
CREATE TABLE documents (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, body LONGBLOB NOT NULL, summary TEXT);
INSERT INTO documents
  SELECT seq, CONCAT('document-', seq, '.bin'),
         CONCAT(REPEAT(UNHEX(SHA2(seq, 256)), 9 * 1024 * 1024 DIV 32), UNHEX(SHA2(seq * 31, 512))),
         CONCAT('summary of document ', seq)
  FROM seq_1_to_3;
INSERT INTO documents SELECT seq, CONCAT('small-', seq), UNHEX(SHA2(seq, 256)), NULL FROM seq_4_to_50;
SQL
mariadb-dump -h127.0.0.1 -uroot --hex-blob --skip-dump-date "$DB" | sed "s/$DB/bigrows/g" | gzip -9n > big-rows.sql.gz
ls -la shop.sql.gz big-rows.sql.gz
