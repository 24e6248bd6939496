/*!40101 SET NAMES binary*/;
CREATE TABLE `v-dash view`(
`id` int,
`col-dash` int,
`ñame` int
)ENGINE=MyISAM;
