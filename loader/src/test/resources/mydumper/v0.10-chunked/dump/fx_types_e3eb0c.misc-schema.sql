/*!40101 SET NAMES binary*/;
/*!40014 SET FOREIGN_KEY_CHECKS=0*/;

/*!40103 SET TIME_ZONE='+00:00' */;
CREATE TABLE `misc` (
  `id` int(11) NOT NULL,
  `e` enum('small','medium','large','it''s','semi;colon') DEFAULT NULL,
  `s` set('red','green','blue','with space') DEFAULT NULL,
  `j` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`j`)),
  `g` geometry DEFAULT NULL,
  `p` point DEFAULT NULL,
  `len_vc` int(11) GENERATED ALWAYS AS (char_length(json_unquote(json_extract(`j`,'$.name')))) VIRTUAL,
  `j_sum` int(11) GENERATED ALWAYS AS (json_extract(`j`,'$.n') + 1) STORED,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
