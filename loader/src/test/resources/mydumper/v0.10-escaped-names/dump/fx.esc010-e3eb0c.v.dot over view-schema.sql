/*!40101 SET NAMES binary*/;
CREATE TABLE `v.dot over view`(
`id` int,
`ñame` int
)ENGINE=MyISAM;
