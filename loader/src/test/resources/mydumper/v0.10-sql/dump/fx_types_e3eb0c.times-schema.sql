/*!40101 SET NAMES binary*/;
/*!40014 SET FOREIGN_KEY_CHECKS=0*/;

/*!40103 SET TIME_ZONE='+00:00' */;
CREATE TABLE `times` (
  `id` int(11) NOT NULL,
  `d` date DEFAULT NULL,
  `t` time(6) DEFAULT NULL,
  `dt` datetime(6) DEFAULT NULL,
  `ts` timestamp(6) NULL DEFAULT NULL,
  `y` year(4) DEFAULT NULL,
  `t0` time DEFAULT NULL,
  `dt0` datetime DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
