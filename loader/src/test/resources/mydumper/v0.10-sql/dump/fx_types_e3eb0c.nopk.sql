/*!40101 SET NAMES binary*/;
/*!40014 SET FOREIGN_KEY_CHECKS=0*/;
/*!40103 SET TIME_ZONE='+00:00' */;
INSERT INTO `nopk` VALUES
(1,"one"),
(1,"one"),
(2,NULL),
(NULL,"null key");
