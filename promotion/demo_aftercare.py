"""Demo aftercare (illustrative): an account officer of the board for the first three operating projects of
the registry, a user acting for the first one's investor, and five issues at various statuses. Written as
records of the past: no e-mail is sent for them. Idempotent: a second run changes nothing."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from licensing.demo import DEMO_PASSWORD
from licensing.models import Agency
from projects.models import InvestorMembership

from .aftercare import due_date, operating_projects
from .models import AftercareAccount, AftercareIssue, AftercareMessage, IssueCategory, IssueStatus

OFFICER = "aftercare-officer"
INVESTOR = "investor-aftercare"
GROUP = "Aftercare officers"
CODENAMES = ("view_aftercareissue", "change_aftercareissue", "view_aftercareaccount", "change_aftercareaccount")

#: (project index, category, title, description, raised by the investor, agency code, days ago, status,
#: the board's answer)
ISSUES = [
    (0, IssueCategory.LAND, "Giấy chứng nhận QSDĐ lô mở rộng / Land-use certificate of the extension plot "
     "(minh họa / illustrative)",
     "Chúng tôi đã nộp hồ sơ đăng ký đất đai cho lô mở rộng 2 ha từ hai tháng nay nhưng chưa nhận được kết quả. / "
     "We lodged the land registration of the 2 ha extension plot two months ago and have no decision yet.",
     True, "vp-dang-ky-dat", 12, IssueStatus.IN_PROGRESS,
     "Văn phòng Đăng ký đất đai đang đo đạc lại ranh giới; dự kiến trả kết quả trong 10 ngày làm việc. / "
     "The Land Registration Office is re-surveying the boundary; a decision is expected within 10 working days."),
    (0, IssueCategory.LABOUR, "Giấy phép lao động cho kỹ thuật viên nước ngoài / Work permits for foreign "
     "technicians (minh họa / illustrative)",
     "Sáu kỹ thuật viên sẽ đến lắp đặt dây chuyền mới vào tháng tới. / Six technicians arrive next month to "
     "install a new line.", True, "", 2, IssueStatus.OPEN, ""),
    (1, IssueCategory.UTILITIES, "Đường dây 22 kV thứ hai / A second 22 kV power line (minh họa / illustrative)",
     "Nhà máy cần nguồn điện dự phòng trước khi tăng ca. / The plant needs a back-up supply before adding a shift.",
     False, "so-xay-dung", 30, IssueStatus.ESCALATED, ""),
    (1, IssueCategory.CUSTOMS, "Thông quan khuôn mẫu nhập khẩu / Customs clearance of imported moulds "
     "(minh họa / illustrative)",
     "Lô khuôn mẫu tạm nhập bị giữ tại cửa khẩu. / A consignment of temporarily imported moulds is held at the "
     "border gate.", True, "", 20, IssueStatus.RESOLVED,
     "Chi cục Hải quan đã thông quan lô hàng ngày hôm qua. / The customs branch cleared the consignment "
     "yesterday."),
    (2, IssueCategory.PERMITS, "Nghiệm thu PCCC kho mới / Fire-safety acceptance of the new warehouse "
     "(minh họa / illustrative)",
     "Cần lịch nghiệm thu PCCC cho kho thành phẩm. / A fire-safety acceptance date is needed for the finished "
     "goods warehouse.", False, "cong-an-pccc", 45, IssueStatus.CLOSED,
     "Đã nghiệm thu ngày 12; biên bản gửi kèm qua đường bưu điện. / Accepted on the 12th; the minutes were "
     "posted to the company."),
]


def _user(username: str, **extra):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@demo.invest.local", **extra})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _officer():
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="promotion", codename__in=CODENAMES))
    officer = _user(OFFICER, first_name="Thu", last_name="Trần", is_staff=True)
    officer.groups.add(group)
    return officer


@transaction.atomic
def load() -> int:
    """Account officers, a demo investor user and the illustrative issues; how many issues were created."""
    projects = list(operating_projects().order_by("code")[:3])
    if not projects:
        return 0
    officer = _officer()
    for project in projects:
        AftercareAccount.objects.get_or_create(project=project, defaults={"officer": officer})
    investor_user = _user(INVESTOR, first_name="Min-jun", last_name="Park")
    lead = projects[0].shares.order_by("-share_pct").first()
    if lead is not None:
        InvestorMembership.objects.get_or_create(investor=lead.investor, user=investor_user)
    now = timezone.now()
    created = 0
    for index, category, title, description, by_investor, agency_code, days_ago, status, answer in ISSUES:
        project = projects[index % len(projects)]
        if AftercareIssue.objects.filter(project=project, title=title).exists():
            continue
        raised_at = now - timedelta(days=days_ago)
        issue = AftercareIssue.objects.create(
            project=project, category=category, title=title, description=description,
            raised_by_investor=by_investor, raised_by=investor_user if by_investor and index == 0 else officer,
            owner=officer, agency=Agency.objects.filter(code=agency_code).first() if agency_code else None,
            due_on=due_date(category, raised_at), status=status, created_at=raised_at)
        issue.reference = f"AFT-{timezone.localdate(raised_at).year}-{issue.pk:06d}"
        if answer:
            message = AftercareMessage.objects.create(issue=issue, author=officer, from_board=True, body=answer,
                                                      created_at=raised_at + timedelta(days=2), emailed_at=now)
            issue.answer, issue.answered_at = answer, message.created_at
        if status == IssueStatus.ESCALATED:
            issue.escalated_at = issue.escalation_emailed_at = now - timedelta(days=days_ago // 2)
            issue.escalated_to = "heads@demo.invest.local"
        if status in (IssueStatus.RESOLVED, IssueStatus.CLOSED):
            issue.resolved_at = raised_at + timedelta(days=3)
        issue.save()
        created += 1
    return created
