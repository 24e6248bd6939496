/*!40101 SET NAMES binary*/;
CREATE TABLE `v_top_regions`(
`region` int,
`region_total` int,
`children` int
)ENGINE=MyISAM;
