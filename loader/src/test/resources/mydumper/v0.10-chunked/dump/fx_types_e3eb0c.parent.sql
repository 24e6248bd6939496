/*!40101 SET NAMES binary*/;
/*!40014 SET FOREIGN_KEY_CHECKS=0*/;
/*!40103 SET TIME_ZONE='+00:00' */;
INSERT INTO `parent` VALUES
("EU",1,"Alpha",10.50),
("EU",2,"Beta \"quoted\"",99.99),
("US",1,"Gamma; semi",2.00),
("US",2,"Delta ünïcödé",2.00);
