/*!40101 SET NAMES binary*/;
/*!40014 SET FOREIGN_KEY_CHECKS=0*/;
/*!40101 SET SQL_MODE='NO_AUTO_VALUE_ON_ZERO,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION'*/;
/*!40103 SET TIME_ZONE='+00:00' */;
CREATE TABLE `ints` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `ti` tinyint(4) DEFAULT NULL,
  `tu` tinyint(3) unsigned DEFAULT NULL,
  `si` smallint(6) DEFAULT NULL,
  `su` smallint(5) unsigned DEFAULT NULL,
  `mi` mediumint(9) DEFAULT NULL,
  `mu` mediumint(8) unsigned DEFAULT NULL,
  `ii` int(11) DEFAULT NULL,
  `iu` int(10) unsigned DEFAULT NULL,
  `bi` bigint(20) DEFAULT NULL,
  `bu` bigint(20) unsigned DEFAULT NULL,
  `b1` tinyint(1) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
