-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Written by hand in the shape mysqldump 8.0 writes, for what a MariaDB
-- fixture can't show: data under NO_BACKSLASH_ESCAPES, DELIMITER $$,
-- versioned comments inside tuples, a final statement without ';'.

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!50503 SET NAMES utf8mb4 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO,NO_BACKSLASH_ESCAPES' */;
SET @MYSQLDUMP_TEMP_LOG_BIN = @@SESSION.SQL_LOG_BIN;
SET @@SESSION.SQL_LOG_BIN= 0;
SET @@GLOBAL.GTID_PURGED=/*!80000 '+'*/ '3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5';

DROP TABLE IF EXISTS `paths`;
CREATE TABLE `paths` (
  `id` int NOT NULL,
  `path` varchar(200) NOT NULL,
  `note` text,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci /*!80016 DEFAULT ENCRYPTION='N' */;

LOCK TABLES `paths` WRITE;
/*!40000 ALTER TABLE `paths` DISABLE KEYS */;
INSERT INTO `paths` VALUES (1,'C:\dumps\','it''s; under NO_BACKSLASH_ESCAPES'),(2,'\','a backslash alone'),(3,'\\server\share\','(parens) and ; and -- and # and /* */');
/*!40000 ALTER TABLE `paths` ENABLE KEYS */;
UNLOCK TABLES;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;

-- back to backslash escapes
INSERT INTO `paths` (`id`, `path`, `note`) VALUES (4,'C:\\dumps\\','it\'s');
INSERT INTO `paths` (`id`, `path`, `note`) VALUES (5,'/tmp','versioned',/*!50705 0xABCD,*/ 'x');
INSERT INTO `paths` (`id`, `path`) VALUES (6,'/x') ON DUPLICATE KEY UPDATE `path` = VALUES(`path`);
REPLACE INTO paths(id,path) VALUE(7,'/y');

DELIMITER $$
CREATE DEFINER=`root`@`%` PROCEDURE `p`(IN a INT)
BEGIN
  -- a comment with ; and $ in it
  INSERT INTO `paths` VALUES (a, 'from p; $', NULL);
  SELECT '$$' AS `$$`;
END$$
DELIMITER ;

/*!50106 SET @save_time_zone= @@TIME_ZONE */ ;
DELIMITER ;;
/*!50106 CREATE*/ /*!50117 DEFINER=`root`@`%`*/ /*!50106 EVENT `e` ON SCHEDULE EVERY 1 DAY DO BEGIN
  DELETE FROM `paths` WHERE `note` = ';;';
END */ ;;
DELIMITER ;
/*!50106 SET TIME_ZONE= @save_time_zone */ ;
SET @@SESSION.SQL_LOG_BIN = @MYSQLDUMP_TEMP_LOG_BIN;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */
