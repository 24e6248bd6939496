/*!40101 SET NAMES binary*/;
/*!40014 SET FOREIGN_KEY_CHECKS=0*/;

/*!40103 SET TIME_ZONE='+00:00' */;
CREATE TABLE `nums` (
  `id` int(11) NOT NULL,
  `d65` decimal(65,30) DEFAULT NULL,
  `d10` decimal(10,2) unsigned DEFAULT NULL,
  `d0` decimal(5,0) DEFAULT NULL,
  `f` float DEFAULT NULL,
  `fu` float unsigned DEFAULT NULL,
  `dbl` double DEFAULT NULL,
  `bit1` bit(1) DEFAULT NULL,
  `bit13` bit(13) DEFAULT NULL,
  `bit64` bit(64) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
