/*M!999999\- enable the sandbox mode */ 
INSERT INTO `project` VALUES
('P-Æon-10','Project 10','🌍 Remote','ENG'),
('P-Æon-5','Project 5','Zürich','OPS'),
('P-Öl-1','Project 1','Köln','OPS'),
('P-Öl-6','Project 6 «spécial»','Île-de-France','ENG'),
('P-ß-4','Project 4','🌍 Remote','ENG'),
('P-ß-9','Project 9 «spécial»','São Paulo','OPS'),
('P-东-2','Project 2','東京','ENG'),
('P-东-7','Project 7','Köln','OPS'),
('P-🚀-3','Project 3 «spécial»','São Paulo','OPS'),
('P-🚀-8','Project 8','東京','ENG');
