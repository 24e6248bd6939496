/*M!999999\- enable the sandbox mode */ 
-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)
--
-- Host: 127.0.0.1    Database: packload_fmt_fixture_1795368091
-- ------------------------------------------------------
-- Server version	10.11.19-MariaDB-0+deb12u1

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

--
-- Current Database: `packload_fmt_fixture_1795368091`
--

CREATE DATABASE /*!32312 IF NOT EXISTS*/ `packload_fmt_fixture_1795368091` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci */;

USE `packload_fmt_fixture_1795368091`;

--
-- Table structure for table `t_bin`
--

DROP TABLE IF EXISTS `t_bin`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `t_bin` (
  `id` int(11) NOT NULL,
  `b` varbinary(300) DEFAULT NULL,
  `j` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`j`)),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `t_bin`
--

LOCK TABLES `t_bin` WRITE;
/*!40000 ALTER TABLE `t_bin` DISABLE KEYS */;
INSERT IGNORE INTO `t_bin` (`id`, `b`, `j`) VALUES (1,'\0	\n\r\Z !\"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»… ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ','{\"a\": \"x\\\"y\", \"b\": [1, 2]}');
INSERT IGNORE INTO `t_bin` (`id`, `b`, `j`) VALUES (2,'text',NULL);
/*!40000 ALTER TABLE `t_bin` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `t_log`
--

DROP TABLE IF EXISTS `t_log`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `t_log` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `msg` varchar(200) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=41 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `t_log`
--

LOCK TABLES `t_log` WRITE;
/*!40000 ALTER TABLE `t_log` DISABLE KEYS */;
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (1,'row 1 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (2,'row 2 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (3,'row 3 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (4,'row 4 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (5,'row 5 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (6,'row 6 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (7,'row 7 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (8,'row 8 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (9,'row 9 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (10,'row 10 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (11,'row 11 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (12,'row 12 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (13,'row 13 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (14,'row 14 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (15,'row 15 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (16,'row 16 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (17,'row 17 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (18,'row 18 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (19,'row 19 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (20,'row 20 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (21,'row 21 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (22,'row 22 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (23,'row 23 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (24,'row 24 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (25,'row 25 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (26,'row 26 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (27,'row 27 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (28,'row 28 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (29,'row 29 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (30,'row 30 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (31,'row 31 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (32,'row 32 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (33,'row 33 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (34,'row 34 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (35,'row 35 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (36,'row 36 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (37,'row 37 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (38,'row 38 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (39,'row 39 with a \'quote\' and ; and (paren');
INSERT IGNORE INTO `t_log` (`id`, `msg`) VALUES (40,'row 40 with a \'quote\' and ; and (paren');
/*!40000 ALTER TABLE `t_log` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `t_people`
--

DROP TABLE IF EXISTS `t_people`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `t_people` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(100) NOT NULL,
  `note` text DEFAULT NULL,
  `born` date DEFAULT NULL,
  `score` decimal(6,2) DEFAULT NULL,
  `flag` bit(1) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=6 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `t_people`
--

LOCK TABLES `t_people` WRITE;
/*!40000 ALTER TABLE `t_people` DISABLE KEYS */;
INSERT IGNORE INTO `t_people` (`id`, `name`, `note`, `born`, `score`, `flag`) VALUES (1,'O\'Brien','it\'s \"quoted\"; with semicolon; and -- dashes and # hash and /* not a comment */','1970-01-01',12.50,'');
INSERT IGNORE INTO `t_people` (`id`, `name`, `note`, `born`, `score`, `flag`) VALUES (2,'back\\slash','line1\nline2\r\nend	tab',NULL,-3.25,'\0');
INSERT IGNORE INTO `t_people` (`id`, `name`, `note`, `born`, `score`, `flag`) VALUES (3,'√ºn√Øc√∏d√© üòÄ','parens ( ) (( )) ) and commas ,,, and \\\' tricky','2000-02-29',NULL,NULL);
INSERT IGNORE INTO `t_people` (`id`, `name`, `note`, `born`, `score`, `flag`) VALUES (4,'ctrl','nul\0x\Zz\'\\','1999-12-31',0.00,'');
INSERT IGNORE INTO `t_people` (`id`, `name`, `note`, `born`, `score`, `flag`) VALUES (5,'','',NULL,NULL,NULL);
/*!40000 ALTER TABLE `t_people` ENABLE KEYS */;
UNLOCK TABLES;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb4 */ ;
/*!50003 SET character_set_results = utf8mb4 */ ;
/*!50003 SET collation_connection  = utf8mb4_general_ci */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`127.0.0.1`*/ /*!50003 TRIGGER trg_people_ai AFTER INSERT ON t_people FOR EACH ROW
BEGIN
  INSERT INTO t_log (msg) VALUES (CONCAT('added; ', NEW.name, ' -- ok'));
  SET @x = 'semi;colon';
END 
*/;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;

--
-- Temporary table structure for view `v_people`
--

DROP TABLE IF EXISTS `v_people`;
/*!50001 DROP VIEW IF EXISTS `v_people`*/;
SET @saved_cs_client     = @@character_set_client;
SET character_set_client = utf8mb4;
/*!50001 CREATE VIEW `v_people` AS SELECT
 NULL AS `id`,
 NULL AS `name` */;
SET character_set_client = @saved_cs_client;

--
-- Table structure for table `we``ird tbl`
--

DROP TABLE IF EXISTS `we``ird tbl`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `we``ird tbl` (
  `col one` int(11) DEFAULT NULL,
  `semi;colon` varchar(20) DEFAULT NULL,
  `back``tick` blob DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `we``ird tbl`
--

LOCK TABLES `we``ird tbl` WRITE;
/*!40000 ALTER TABLE `we``ird tbl` DISABLE KEYS */;
INSERT IGNORE INTO `we``ird tbl` (`col one`, `semi;colon`, `back``tick`) VALUES (1,'a;b','\0ˇ\'\"\\\n\r\Z');
INSERT IGNORE INTO `we``ird tbl` (`col one`, `semi;colon`, `back``tick`) VALUES (2,NULL,NULL);
INSERT IGNORE INTO `we``ird tbl` (`col one`, `semi;colon`, `back``tick`) VALUES (3,')','(),;');
/*!40000 ALTER TABLE `we``ird tbl` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Dumping routines for database 'packload_fmt_fixture_1795368091'
--
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 DROP PROCEDURE IF EXISTS `p_count` */;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb4 */ ;
/*!50003 SET character_set_results = utf8mb4 */ ;
/*!50003 SET collation_connection  = utf8mb4_general_ci */ ;
DELIMITER ;;
CREATE DEFINER=`root`@`127.0.0.1` PROCEDURE `p_count`(OUT n INT)
BEGIN
  SELECT COUNT(*) INTO n FROM t_people; 
END
;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;

--
-- Current Database: `packload_fmt_fixture_1795368091`
--

USE `packload_fmt_fixture_1795368091`;

--
-- Final view structure for view `v_people`
--

/*!50001 DROP VIEW IF EXISTS `v_people`*/;
/*!50001 SET @saved_cs_client          = @@character_set_client */;
/*!50001 SET @saved_cs_results         = @@character_set_results */;
/*!50001 SET @saved_col_connection     = @@collation_connection */;
/*!50001 SET character_set_client      = utf8mb4 */;
/*!50001 SET character_set_results     = utf8mb4 */;
/*!50001 SET collation_connection      = utf8mb4_general_ci */;
/*!50001 CREATE ALGORITHM=UNDEFINED */
/*!50013 DEFINER=`root`@`127.0.0.1` SQL SECURITY DEFINER */
/*!50001 VIEW `v_people` AS select `t_people`.`id` AS `id`,`t_people`.`name` AS `name` from `t_people` where `t_people`.`name` <> ';' */;
/*!50001 SET character_set_client      = @saved_cs_client */;
/*!50001 SET character_set_results     = @saved_cs_results */;
/*!50001 SET collation_connection      = @saved_col_connection */;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

-- Dump completed
