namespace AiGov.LanguageDetector.Tests;

/// <summary>Short paragraphs on AI policy, written for these tests: what a document's main text looks like.</summary>
internal static class Samples
{
    public const string English =
        "The European Union's AI Act introduces strict obligations for providers of high-risk systems. " +
        "Developers must document their training data and keep logs of how their models behave in practice. " +
        "Regulators hope these rules will build public trust without stifling innovation.";

    public const string German =
        "Die Europäische Union hat mit dem KI-Gesetz erstmals verbindliche Regeln für künstliche Intelligenz geschaffen. " +
        "Anbieter von Hochrisikosystemen müssen ihre Trainingsdaten dokumentieren und eine menschliche Aufsicht gewährleisten. " +
        "Kritiker befürchten jedoch, dass kleine Unternehmen unter dem bürokratischen Aufwand leiden werden.";

    public const string French =
        "L'Union européenne a adopté le premier règlement complet sur l'intelligence artificielle. " +
        "Les fournisseurs de systèmes à haut risque devront documenter leurs données d'entraînement et garantir une surveillance humaine. " +
        "Les autorités de contrôle pourront infliger des amendes importantes en cas de manquement.";

    public const string Spanish =
        "La Unión Europea aprobó el primer reglamento integral sobre inteligencia artificial del mundo. " +
        "Los proveedores de sistemas de alto riesgo deberán documentar sus datos de entrenamiento y garantizar la supervisión humana. " +
        "Según los expertos, las pequeñas empresas necesitarán ayuda para cumplir con las nuevas obligaciones.";

    public const string Italian =
        "L'Unione europea ha approvato il primo regolamento completo sull'intelligenza artificiale. " +
        "I fornitori di sistemi ad alto rischio dovranno documentare i dati di addestramento e garantire la supervisione umana. " +
        "Secondo molti esperti, le piccole imprese avranno bisogno di sostegno per rispettare i nuovi obblighi.";

    public const string Portuguese =
        "A União Europeia aprovou o primeiro regulamento abrangente sobre inteligência artificial. " +
        "Os fornecedores de sistemas de alto risco terão de documentar os seus dados de treino e garantir a supervisão humana. " +
        "Segundo os especialistas, as pequenas empresas vão precisar de apoio para cumprir as novas obrigações.";

    public const string Dutch =
        "De Europese Unie heeft de eerste uitgebreide wet op kunstmatige intelligentie aangenomen. " +
        "Aanbieders van systemen met een hoog risico moeten hun trainingsgegevens documenteren en menselijk toezicht garanderen. " +
        "Volgens deskundigen hebben kleine bedrijven ondersteuning nodig om aan de nieuwe verplichtingen te voldoen.";

    public const string Polish =
        "Unia Europejska przyjęła pierwsze kompleksowe rozporządzenie dotyczące sztucznej inteligencji. " +
        "Dostawcy systemów wysokiego ryzyka będą musieli dokumentować dane treningowe i zapewnić nadzór człowieka. " +
        "Zdaniem ekspertów małe firmy będą potrzebowały wsparcia, aby spełnić nowe obowiązki.";

    public const string Russian =
        "Европейский союз принял первый всеобъемлющий закон об искусственном интеллекте. " +
        "Поставщики систем высокого риска должны будут документировать обучающие данные и обеспечивать человеческий надзор. " +
        "По мнению экспертов, малым компаниям понадобится поддержка, чтобы выполнить новые требования.";

    public const string Ukrainian =
        "Європейський союз ухвалив перший всеосяжний закон про штучний інтелект. " +
        "Постачальники систем високого ризику повинні будуть документувати навчальні дані та забезпечувати людський нагляд. " +
        "На думку експертів, малим компаніям знадобиться підтримка, щоб виконати нові вимоги.";

    public const string Arabic =
        "اعتمد الاتحاد الأوروبي أول قانون شامل للذكاء الاصطناعي في العالم. " +
        "وسيتعين على مزودي الأنظمة عالية المخاطر توثيق بيانات التدريب وضمان الإشراف البشري. " +
        "ويرى الخبراء أن الشركات الصغيرة ستحتاج إلى دعم للوفاء بالالتزامات الجديدة.";

    public const string Persian =
        "اتحادیه اروپا نخستین قانون جامع هوش مصنوعی را تصویب کرد. " +
        "ارائه‌دهندگان سامانه‌های پرخطر باید داده‌های آموزشی خود را مستند کنند و نظارت انسانی را تضمین کنند. " +
        "به گفته کارشناسان، شرکت‌های کوچک برای اجرای این تعهدات جدید به پشتیبانی نیاز خواهند داشت.";

    public const string Hindi =
        "यूरोपीय संघ ने कृत्रिम बुद्धिमत्ता पर दुनिया का पहला व्यापक कानून पारित किया है। " +
        "उच्च जोखिम वाली प्रणालियों के प्रदाताओं को अपने प्रशिक्षण डेटा का दस्तावेज़ीकरण करना होगा और मानवीय निगरानी सुनिश्चित करनी होगी। " +
        "विशेषज्ञों का मानना है कि छोटी कंपनियों को नए दायित्वों को पूरा करने के लिए सहायता की आवश्यकता होगी।";

    public const string ChineseSimplified =
        "欧盟通过了世界上第一部全面的人工智能法律。高风险系统的提供者必须记录其训练数据，并确保人工监督。" +
        "专家认为，小型企业需要更多支持才能履行这些新义务。";

    public const string ChineseTraditional =
        "歐盟通過了世界上第一部全面的人工智慧法律。高風險系統的提供者必須記錄其訓練資料，並確保人工監督。" +
        "專家認為，小型企業需要更多支援才能履行這些新義務。";

    public const string Japanese =
        "欧州連合は、人工知能に関する世界初の包括的な法律を採択した。" +
        "高リスクのシステムを提供する事業者は、学習データを文書化し、人間による監督を確保しなければならない。" +
        "専門家によると、中小企業が新たな義務を果たすには支援が必要になるという。";

    /// <summary>Legal Japanese: kanji nearly throughout, kana only in a few particles (6% of the letters).</summary>
    public const string JapaneseMostlyKanji =
        "人工知能基本法第十二条規定、国及地方公共団体責務明確化。政府は人工知能戦略本部を設置し、基本計画策定義務負。";

    public const string Korean =
        "유럽연합은 인공지능에 관한 세계 최초의 포괄적인 법률을 채택했다. " +
        "고위험 시스템 제공자는 학습 데이터를 문서화하고 인간의 감독을 보장해야 한다. " +
        "전문가들은 중소기업이 새로운 의무를 이행하려면 지원이 필요할 것이라고 말한다.";

    public const string Greek =
        "Η Ευρωπαϊκή Ένωση ενέκρινε τον πρώτο ολοκληρωμένο νόμο για την τεχνητή νοημοσύνη. " +
        "Οι πάροχοι συστημάτων υψηλού κινδύνου θα πρέπει να τεκμηριώνουν τα δεδομένα εκπαίδευσης και να διασφαλίζουν την ανθρώπινη εποπτεία.";

    public const string Hebrew =
        "האיחוד האירופי אימץ את החוק המקיף הראשון בעולם בנושא בינה מלאכותית. " +
        "ספקים של מערכות בסיכון גבוה יידרשו לתעד את נתוני האימון ולהבטיח פיקוח אנושי. " +
        "לדברי מומחים, חברות קטנות יזדקקו לתמיכה כדי לעמוד בהתחייבויות החדשות.";

    public const string Thai =
        "สหภาพยุโรปได้รับรองกฎหมายปัญญาประดิษฐ์ฉบับแรกของโลก " +
        "ผู้ให้บริการระบบที่มีความเสี่ยงสูงจะต้องจัดทำเอกสารข้อมูลที่ใช้ฝึกและรับประกันการกำกับดูแลโดยมนุษย์ " +
        "ผู้เชี่ยวชาญเห็นว่าธุรกิจขนาดเล็กจะต้องได้รับการสนับสนุนเพื่อปฏิบัติตามข้อกำหนดใหม่";

    public const string EnglishQuotingChinese =
        "Beijing's interim measures on generative AI, known in Chinese as 生成式人工智能服务管理暂行办法, require providers " +
        "to label synthetic content. Companies must also file their algorithms with the Cyberspace Administration of China " +
        "before launching services to the public. Analysts say the rules try to balance innovation with state control.";

    public const string ChineseWithEnglishNames =
        "OpenAI 发布的 ChatGPT 引发了全球对生成式人工智能监管的讨论。中国监管部门要求服务提供者对生成内容进行标识，" +
        "并对训练数据的来源负责。Microsoft 和 Google 等公司也在调整其产品策略，以符合新的规定。";
}
