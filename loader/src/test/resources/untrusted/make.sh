#!/usr/bin/env bash
# Regenerates hostile-all.sql: what mariadb-dump writes of a scratch server holding an application database `app`,
# a second database `other`, accounts with grants and a role, and a binary log (for --master-data --gtid).
# Needs mariadbd, mariadb-install-db, mariadb and mariadb-dump on PATH (the MariaDB 10.11 server and client packages).
# Starts the scratch server on a free loopback port with its own datadir under a temporary directory and stops it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'kill "$(cat "$tmp/pid" 2>/dev/null)" 2>/dev/null || true; sleep 2; rm -rf "$tmp"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
user_opt=(); [ "$(id -u)" = 0 ] && user_opt=(--user=root)
mariadb-install-db --no-defaults "${user_opt[@]}" --datadir="$tmp/data" --auth-root-authentication-method=normal \
    >/dev/null
mariadbd --no-defaults "${user_opt[@]}" --datadir="$tmp/data" --port="$port" --bind-address=127.0.0.1 \
    --socket="$tmp/sock" --pid-file="$tmp/pid" --log-bin=scratch-bin --server-id=7 --skip-grant-tables=0 \
    >"$tmp/log" 2>&1 &
for _ in $(seq 1 60); do mariadb --no-defaults -S "$tmp/sock" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.5; done
mariadb --no-defaults -S "$tmp/sock" -uroot <<'SQL'
CREATE DATABASE app;
CREATE DATABASE other;
CREATE TABLE other.secrets (id INT PRIMARY KEY, v VARCHAR(20));
INSERT INTO other.secrets VALUES (1, 'other db');
USE app;
CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40), price DECIMAL(8,2));
INSERT INTO items VALUES (1, 'cup', 3.50), (2, 'plate', 7.25), (3, 'it''s \\ quoted', 1.00);
CREATE TABLE audit (id INT AUTO_INCREMENT PRIMARY KEY, item INT, at DATETIME);
CREATE DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW cheap AS SELECT id, name FROM items WHERE price < 5;
CREATE VIEW peek AS SELECT v FROM other.secrets;
DELIMITER ;;
CREATE DEFINER=`root`@`localhost` TRIGGER items_ai AFTER INSERT ON items FOR EACH ROW
  INSERT INTO audit (item, at) VALUES (NEW.id, NOW());;
CREATE DEFINER=`root`@`localhost` PROCEDURE export_items()
  SELECT * FROM items INTO OUTFILE '/tmp/items.txt';;
CREATE DEFINER=`root`@`localhost` PROCEDURE grab_users()
  INSERT INTO items SELECT 100, user, 0 FROM mysql.user LIMIT 1;;
DELIMITER ;
CREATE USER 'app_rw'@'%' IDENTIFIED BY 'app-secret';
GRANT SELECT, INSERT, UPDATE, DELETE ON app.* TO 'app_rw'@'%';
CREATE ROLE app_admin;
GRANT ALL ON *.* TO app_admin WITH GRANT OPTION;
GRANT app_admin TO 'app_rw'@'%';
CREATE USER 'backdoor'@'%' IDENTIFIED BY 'x';
GRANT ALL PRIVILEGES ON *.* TO 'backdoor'@'%' WITH GRANT OPTION;
SQL
{
  echo "-- made by make.sh: mariadb-dump --system=users --master-data=1 --gtid --routines --triggers --databases app other"
  mariadb-dump --no-defaults -S "$tmp/sock" -uroot --skip-dump-date --system=users --master-data=1 --gtid \
      --routines --triggers --databases app other
} | sed -e "s/IDENTIFIED BY PASSWORD '[^']*'/IDENTIFIED BY PASSWORD '*REDACTED0000000000000000000000000000000000'/" \
    > "$here/hostile-all.sql"
echo "wrote $here/hostile-all.sql"
