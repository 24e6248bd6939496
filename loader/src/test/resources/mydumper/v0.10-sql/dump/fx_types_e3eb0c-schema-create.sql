CREATE DATABASE `fx_types_e3eb0c` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci */;
