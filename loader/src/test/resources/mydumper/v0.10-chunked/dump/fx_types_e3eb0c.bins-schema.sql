/*!40101 SET NAMES binary*/;
/*!40014 SET FOREIGN_KEY_CHECKS=0*/;

/*!40103 SET TIME_ZONE='+00:00' */;
CREATE TABLE `bins` (
  `id` int(11) NOT NULL,
  `b1` binary(1) DEFAULT NULL,
  `bn` binary(4) DEFAULT NULL,
  `vb` varbinary(300) DEFAULT NULL,
  `bl` blob DEFAULT NULL,
  `tb` tinyblob DEFAULT NULL,
  `lb` longblob DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
