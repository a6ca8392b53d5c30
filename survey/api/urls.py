from core.api.routers import Router

from . import views

router = Router()
router.register("surveys", views.SurveyViewSet, basename="survey")

urlpatterns = router.urls
