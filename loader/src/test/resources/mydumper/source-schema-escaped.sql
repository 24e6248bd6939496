-- Source schema of the *-escaped-names fixtures: names that need backquotes and that are awkward as file names.
-- Run into an empty database whose own name contains a dot and a dash, e.g. `fx.esc-<random>`:
--   mariadb -h127.0.0.1 -uroot -e 'CREATE DATABASE `fx.esc-1a2b3c` CHARACTER SET utf8mb4'
--   mariadb -h127.0.0.1 -uroot 'fx.esc-1a2b3c' < source-schema-escaped.sql
SET NAMES utf8mb4;

CREATE TABLE `t-dash` (`id` INT NOT NULL PRIMARY KEY, `col-dash` VARCHAR(20), `col space` INT) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO `t-dash` VALUES (1, 'a-b', 10), (2, NULL, NULL), (3, 'semi;colon', -1);

CREATE TABLE `t space` (`id` INT NOT NULL PRIMARY KEY, `select` VARCHAR(20), `Order` INT) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO `t space` VALUES (1, 'reserved word column', 1), (2, 'x y', 2);

CREATE TABLE `tüñï` (`id` INT NOT NULL PRIMARY KEY, `ñame` VARCHAR(20), `€uro` DECIMAL(6,2)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO `tüñï` VALUES (1, 'ünï', 1.50), (2, '😀', 2.00);

CREATE TABLE `t.dot` (`id` INT NOT NULL PRIMARY KEY, `a.b` VARCHAR(20)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO `t.dot` VALUES (1, 'dotted'), (2, 'also.dotted');

CREATE TABLE `t``tick` (`id` INT NOT NULL PRIMARY KEY, `q"col` VARCHAR(20), `it's` INT) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO `t``tick` VALUES (1, 'backtick table', 1), (2, 'quote "col"', 2);

CREATE TABLE `UPPER_lower` (`ID` INT NOT NULL PRIMARY KEY, `v` VARCHAR(5)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO `UPPER_lower` VALUES (1, 'Aa');

CREATE TABLE `log-table` (`seq` INT NOT NULL AUTO_INCREMENT PRIMARY KEY, `what` VARCHAR(60)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

DELIMITER //
CREATE TRIGGER `trg-dash ai` AFTER INSERT ON `t-dash` FOR EACH ROW
BEGIN
  INSERT INTO `log-table` (`what`) VALUES (CONCAT('t-dash; id=', NEW.`id`));
  INSERT INTO `log-table` (`what`) VALUES ('second; statement');
END//
CREATE TRIGGER `trg ü bu` BEFORE UPDATE ON `tüñï` FOR EACH ROW
BEGIN
  SET NEW.`€uro` = ROUND(NEW.`€uro`, 1);
END//
CREATE PROCEDURE `proc-dash name`(IN `in-arg` INT)
BEGIN
  SELECT `in-arg` AS `out col`;
  SELECT COUNT(*) FROM `t space`;
END//
CREATE FUNCTION `fn.dot`(x INT) RETURNS INT DETERMINISTIC
BEGIN
  RETURN x + 1;
END//
CREATE EVENT `ev-dash` ON SCHEDULE EVERY 1 HOUR STARTS '2037-01-01 00:00:00' ON COMPLETION PRESERVE DISABLE
DO INSERT INTO `log-table` (`what`) VALUES ('event; ran')//
DELIMITER ;

INSERT INTO `t-dash` VALUES (4, 'after trigger', 4);

CREATE VIEW `v-dash view` AS SELECT d.`id`, d.`col-dash`, u.`ñame` FROM `t-dash` d LEFT JOIN `tüñï` u ON u.`id` = d.`id`;
CREATE VIEW `v.dot over view` AS SELECT `id`, `ñame` FROM `v-dash view` WHERE `ñame` IS NOT NULL;
