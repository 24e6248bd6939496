/*!40101 SET NAMES binary*/;
/*!40014 SET FOREIGN_KEY_CHECKS=0*/;
/*!40103 SET TIME_ZONE='+00:00' */;
INSERT INTO `t-dash` VALUES
(1,"a-b",10),
(2,NULL,NULL),
(3,"semi;colon",-1),
(4,"after trigger",4);
