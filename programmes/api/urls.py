from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("programmes", views.ProgrammeViewSet, basename="programme")
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("priority-areas", views.PriorityAreaViewSet, basename="priority-area")

urlpatterns = router.urls
